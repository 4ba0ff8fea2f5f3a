#!/usr/bin/python3
"""urilint.py - lists the addresses a book links to and checks each is a valid URI (RFC 3986).

    urilint.py pdf BOOK.pdf     the /URI of every link annotation (read with qpdf --json)
    urilint.py epub BOOK.epub   every href and src of the book's XHTML pages

Prints one line per address ("ok URI" or "BAD URI: why") and exits 1 when any is not valid, 2 when
the book cannot be read or links nowhere at all (a check of nothing must not pass). Beyond the
grammar: ASCII only, and http, https and ftp need a host name of letters, digits, '-' and '_'
(IDNA's ASCII form) or an IP address.
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

UNRESERVED = r"A-Za-z0-9\-._~"
SUB_DELIMS = r"!$&'()*+,;="
PCT = r"%[0-9A-Fa-f]{2}"
PCHAR = rf"(?:[{UNRESERVED}{SUB_DELIMS}:@]|{PCT})"
QUERY = rf"(?:{PCHAR}|[/?])*"
USERINFO = rf"(?:[{UNRESERVED}{SUB_DELIMS}:]|{PCT})*"
REG_NAME = rf"(?:[{UNRESERVED}{SUB_DELIMS}]|{PCT})*"
IP_LITERAL = r"\[[0-9A-Fa-f:.]+\]"
AUTHORITY = rf"(?:{USERINFO}@)?(?P<host>{IP_LITERAL}|{REG_NAME})(?::[0-9]*)?"
PATH_ABEMPTY = rf"(?:/{PCHAR}*)*"
HIER = rf"(?://{AUTHORITY}{PATH_ABEMPTY}|/?(?:{PCHAR}+(?:/{PCHAR}*)*)?)"
URI = re.compile(rf"^(?P<scheme>[A-Za-z][A-Za-z0-9+\-.]*):{HIER}(?:\?{QUERY})?(?:#{QUERY})?$")
RELATIVE = re.compile(rf"^(?:{PCHAR}|/)*(?:\?{QUERY})?(?:#{QUERY})?$")
LABEL = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$")
IPV4 = re.compile(r"^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$")


def problem(uri, relative_ok):
    """Why uri is not a valid URI, or None."""
    if any(ord(c) > 0x7E or ord(c) < 0x21 for c in uri):
        return "a character outside printable ASCII"
    m = URI.match(uri)
    if m and m.group("scheme").lower() in ("mailto", "tel") and uri.index(":") == len(uri) - 1:
        return "no address after the scheme"
    if not m:
        if relative_ok and RELATIVE.match(uri) and not re.match(r"^[A-Za-z][A-Za-z0-9+\-.]*:", uri):
            return None
        return "not RFC 3986"
    if m.group("scheme").lower() in ("http", "https", "ftp"):
        host = m.group("host")
        if host is None or host == "":
            return "no host"
        if not host.startswith("["):
            labels = host.split(".")
            if labels[-1] == "":
                labels.pop()
            if not labels or not all(LABEL.match(l) for l in labels):
                return f"host '{host}' is not an ASCII host name"
            if labels[-1][0].isdigit() and not IPV4.match(".".join(labels)):
                return f"host '{host}' is neither a name nor an IPv4 address"
    return None


def pdf_uris(path):
    out = subprocess.run(["qpdf", "--json", path], capture_output=True, check=True).stdout
    objects = json.loads(out)["qpdf"][1]
    uris = []
    for obj in objects.values():
        value = obj.get("value") if isinstance(obj, dict) else None
        action = value.get("/A") if isinstance(value, dict) else None
        if isinstance(action, dict) and "/URI" in action:
            uri = action["/URI"]
            # qpdf's JSON: "u:" text, "b:" hex bytes
            uris.append(uri[2:] if uri.startswith("u:") else bytes.fromhex(uri[2:]).decode("latin-1"))
    return uris


def epub_uris(path):
    uris = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".xhtml"):
                continue
            for el in ET.fromstring(z.read(name)).iter():
                for attr in ("href", "src"):
                    if attr in el.attrib:
                        uris.append(el.attrib[attr])
    return uris


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("pdf", "epub"):
        sys.exit(__doc__)
    try:
        uris = pdf_uris(sys.argv[2]) if sys.argv[1] == "pdf" else epub_uris(sys.argv[2])
    except Exception as e:  # a book that cannot be read checks nothing
        print(f"cannot read {sys.argv[2]}: {e}")
        sys.exit(2)
    if not uris:
        print(f"{sys.argv[2]} links nowhere")
        sys.exit(2)
    bad = 0
    for uri in uris:
        why = problem(uri, relative_ok=sys.argv[1] == "epub")
        print(f"BAD {uri}: {why}" if why else f"ok {uri}")
        bad += why is not None
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
