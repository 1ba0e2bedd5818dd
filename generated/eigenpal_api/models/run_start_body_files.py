from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_start_body_files_additional_property_type_0_type_0 import (
        RunStartBodyFilesAdditionalPropertyType0Type0,
    )
    from ..models.run_start_body_files_additional_property_type_0_type_1 import (
        RunStartBodyFilesAdditionalPropertyType0Type1,
    )
    from ..models.run_start_body_files_additional_property_type_1_item_type_0 import (
        RunStartBodyFilesAdditionalPropertyType1ItemType0,
    )
    from ..models.run_start_body_files_additional_property_type_1_item_type_1 import (
        RunStartBodyFilesAdditionalPropertyType1ItemType1,
    )


T = TypeVar("T", bound="RunStartBodyFiles")


@_attrs_define
class RunStartBodyFiles:
    """File inputs as ingress references (`{ "$fileId": "file_..." }` or `{ "$inline": { filename, mimeType, base64 } }`).
    Upload bytes via multipart `files.<fieldName>` parts instead.

    """

    additional_properties: dict[
        str,
        list[RunStartBodyFilesAdditionalPropertyType1ItemType0 | RunStartBodyFilesAdditionalPropertyType1ItemType1]
        | RunStartBodyFilesAdditionalPropertyType0Type0
        | RunStartBodyFilesAdditionalPropertyType0Type1,
    ] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunStartBodyFiles", src_dict)
        d = dict(src_dict)
        run_start_body_files = cls()
        run_start_body_files.additional_properties = d
        return run_start_body_files

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(
        self, key: str
    ) -> (
        list[RunStartBodyFilesAdditionalPropertyType1ItemType0 | RunStartBodyFilesAdditionalPropertyType1ItemType1]
        | RunStartBodyFilesAdditionalPropertyType0Type0
        | RunStartBodyFilesAdditionalPropertyType0Type1
    ):
        return self.additional_properties[key]

    def __setitem__(
        self,
        key: str,
        value: list[
            RunStartBodyFilesAdditionalPropertyType1ItemType0 | RunStartBodyFilesAdditionalPropertyType1ItemType1
        ]
        | RunStartBodyFilesAdditionalPropertyType0Type0
        | RunStartBodyFilesAdditionalPropertyType0Type1,
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
