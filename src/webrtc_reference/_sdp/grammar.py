"""The SDP grammar (RFC 8866 §9, RFC 8830, RFC 8122): one definition for parser and writer.

The parser matches lines against these patterns; the writer checks every value it writes
against the same ones, so that whatever it writes, the parser reads back.
"""

from __future__ import annotations

import re
from typing import Final

TOKEN: Final = re.compile(r"[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+", re.ASCII)
NUMBER: Final = re.compile(r"[0-9]{1,20}", re.ASCII)
PORT: Final = re.compile(r"([0-9]{1,5})(?:/[0-9]{1,5})?", re.ASCII)
PAYLOAD: Final = re.compile(r"[0-9]{1,3}", re.ASCII)
RTPMAP: Final = re.compile(r"([0-9]{1,3}) ([^/ ]+)/([0-9]{1,10})(?:/([0-9]{1,3}))?", re.ASCII)
PT_VALUE: Final = re.compile(r"(\*|[0-9]{1,3}) (\S.*)", re.ASCII)
FINGERPRINT: Final = re.compile(r"(\S+) ([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*)", re.ASCII)
LINE: Final = re.compile(r"([a-z])=(.*)", re.ASCII | re.DOTALL)

# RFC 8866 §5: line types a parser must understand; anything else is rejected.
SESSION_TYPES: Final = frozenset("vosiuepcbtrzkam")
MEDIA_TYPES: Final = frozenset("icbkam")
MAX_MSID_ID: Final = 64  # RFC 8830 §2: msid-id and msid-appdata are 1*64token-char
