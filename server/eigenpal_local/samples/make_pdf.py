"""Writes `invoice-umbrella.pdf`, a minimal one-page PDF whose text pypdf can read.

Run it from anywhere: `python -m eigenpal_local.samples.make_pdf`. The PDF is written by hand (five objects,
one Helvetica text stream, a byte-exact cross-reference table) so that no PDF library is needed to make it.
"""

from __future__ import annotations

from pathlib import Path

LINES = [
    "Umbrella Corporation",
    "545 South Birch Street, Raccoon City",
    "",
    "INVOICE",
    "Invoice No: UMB-7731",
    "Date: 2024-05-20",
    "",
    "Item                                   Amount",
    "Laboratory glassware                   820.00",
    "Cold storage rental                  1,500.00",
    "Courier                                 64.25",
    "",
    "Total: 2,384.25",
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(lines: list[str]) -> bytes:
    """Builds a one-page PDF showing each line in 11-point Helvetica, top to bottom."""
    operations = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"]
    for line in lines:
        operations.append(f"({_escape(line)}) Tj T*")
    operations.append("ET")
    stream = "\n".join(operations).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def main() -> None:
    """Writes the sample PDF next to this script."""
    target = Path(__file__).with_name("invoice-umbrella.pdf")
    target.write_bytes(build_pdf(LINES))
    print(target)


if __name__ == "__main__":
    main()
