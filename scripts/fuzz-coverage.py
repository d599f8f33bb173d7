#!/usr/bin/env python3
"""Branch coverage of the decoders from the JaCoCo XML reports of a corpus replay.

Run after: mvn -Pcoverage -pl spr,session verify -Dtest='*FuzzTest' \
               -Dsurefire.failIfNoSpecifiedTests=false
Prints the figure per package, per decoder class and for the decode methods (issue #9 asks for
>= 85 % branch coverage of the decode packages).
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Decode paths: class -> method names (None = every method of the class).
DECODERS = {
    "io/codex/dht/spr/proto/ProtoReader": None,
    "io/codex/dht/spr/SignedEnvelope": {"decode"},
    "io/codex/dht/spr/SignedPeerRecord": {"decode", "claimedNodeId", "fromText"},
    "io/codex/dht/spr/PeerRecord": {"decode", "addressInfo", "serviceInfo", "skip"},
    "io/codex/dht/spr/Multiaddr": {"fromBytes", "readUvarint"},
    "io/codex/dht/spr/MultiaddrText": {"checkValue", "valueText"},
    "io/codex/dht/spr/PeerId": {"fromBytes"},
    "io/codex/dht/spr/PublicKey": {"fromProtobuf", "fromCompressed", "verify", "verifyDigest"},
    "io/codex/dht/session/PacketCodec": {"decode", "decodeHandshake"},
    "io/codex/dht/session/CodexMessageCodec": None,
    "io/codex/dht/session/Handshaker": {"accept"},
}


def branches(element):
    for c in element.findall("counter"):
        if c.get("type") == "BRANCH":
            return int(c.get("covered")), int(c.get("covered")) + int(c.get("missed"))
    return 0, 0


def line(name, covered, total):
    pct = 100.0 * covered / total if total else 100.0
    print(f"{name:60s} {covered:5d}/{total:<5d} {pct:5.1f} %")


def main():
    decode_cov = decode_all = 0
    for module in ("spr", "session"):
        report = ROOT / module / "target/site/jacoco/jacoco.xml"
        if not report.exists():
            sys.exit(f"missing {report}: run the coverage profile first")
        for package in ET.parse(report).getroot().findall("package"):
            line("package " + package.get("name").replace("/", "."), *branches(package))
            for cls in package.findall("class"):
                wanted = DECODERS.get(cls.get("name"), False)
                if wanted is False:
                    continue
                cov = tot = 0
                for method in cls.findall("method"):
                    if wanted is None or method.get("name") in wanted:
                        c, t = branches(method)
                        cov, tot = cov + c, tot + t
                line("  decode paths of " + cls.get("name").split("/")[-1], cov, tot)
                decode_cov, decode_all = decode_cov + cov, decode_all + tot
    line("all decode paths", decode_cov, decode_all)


if __name__ == "__main__":
    main()
