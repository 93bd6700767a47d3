#!/usr/bin/env python3
"""Checks a Tapchain vault independently of the runtime's Rust code.

Reads the current vault from a node (runtime API `ThresholdSignerApi_current_vault`, or
`--vault ID`), then recomputes from the descriptor string alone, in plain Python
(`testdata/btc/btclib.py`'s curve arithmetic, no Rust, no `bitcoin` crate):

- the BIP-380 checksum;
- the BIP-327 KeyAgg of the signer keys (x-only keys lifted to even y) = the internal key;
- the `multi_a` and `and_v(v:older(D), multi_a(...))` leaf scripts (BIP-387) and their
  TapLeaf hashes, the TapBranch (Merkle root) and the BIP-341 tweak = the output key;
- the bech32m address on mainnet, testnet/signet and regtest.

Prints the vault and `vault check: OK`, or what differs, and exits 1.

    scripts/check-vault.py [--url http://127.0.0.1:9944] [--vault ID]
"""
import argparse
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "testdata", "btc"))
import btclib  # noqa: E402

N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def rpc(url, method, params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            answer = json.load(r)
    except OSError as e:
        sys.exit(f"check-vault: cannot reach the node at {url}: {e}")
    if "error" in answer:
        sys.exit(f"check-vault: {method}: {answer['error']}")
    return answer["result"]


class Scale:
    def __init__(self, b):
        self.b, self.i = b, 0

    def take(self, n):
        out = self.b[self.i:self.i + n]
        if len(out) != n:
            sys.exit("check-vault: the runtime API answer is shorter than a VaultDetails")
        self.i += n
        return out

    def compact(self):
        first = self.b[self.i]
        mode = first & 3
        if mode == 0:
            self.i += 1
            return first >> 2
        if mode == 1:
            return int.from_bytes(self.take(2), "little") >> 2
        if mode == 2:
            return int.from_bytes(self.take(4), "little") >> 2
        n = (first >> 2) + 4
        self.i += 1
        return int.from_bytes(self.take(n), "little")

    def vec(self):
        return self.take(self.compact())

    def option(self, f):
        flag = self.take(1)[0]
        return f() if flag == 1 else None


def decode_vault(b):
    s = Scale(b)
    if s.take(1)[0] != 1:
        return None
    v = {"id": int.from_bytes(s.take(4), "little")}
    v["members"] = [(s.take(32).hex(), s.take(32).hex()) for _ in range(s.compact())]
    v["threshold"] = int.from_bytes(s.take(2), "little")
    v["internal_key"] = s.take(32).hex()
    v["multi_a_leaf"] = s.vec().hex()
    v["multi_a_control_block"] = s.vec().hex()
    v["recovery_leaf"] = s.option(lambda: s.vec().hex())
    v["recovery_control_block"] = s.option(lambda: s.vec().hex())
    v["merkle_root"] = s.take(32).hex()
    v["output_key"] = s.take(32).hex()
    v["script_pubkey"] = s.vec().hex()
    v["address"] = s.option(lambda: s.vec().decode())
    v["descriptor"] = s.vec().decode()
    v["session"] = int.from_bytes(s.take(4), "little")
    return v


# BIP-380 checksum, as the BIP's reference code computes it.
INPUT_CHARSET = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ "
CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def descsum_polymod(symbols):
    chk = 1
    for value in symbols:
        top = chk >> 35
        chk = (chk & 0x7FFFFFFFF) << 5 ^ value
        for i, g in enumerate([0xF5DEE51989, 0xA9FDCA3312, 0x1BAB10E32D, 0x3706B1677A, 0x644D626FFD]):
            chk ^= g if ((top >> i) & 1) else 0
    return chk


def descsum_create(s):
    symbols, groups = [], []
    for c in s:
        v = INPUT_CHARSET.find(c)
        symbols.append(v & 31)
        groups.append(v >> 5)
        if len(groups) == 3:
            symbols.append(groups[0] * 9 + groups[1] * 3 + groups[2])
            groups = []
    if len(groups) == 1:
        symbols.append(groups[0])
    elif len(groups) == 2:
        symbols.append(groups[0] * 3 + groups[1])
    checksum = descsum_polymod(symbols + [0] * 8) ^ 1
    return "".join(CHECKSUM_CHARSET[(checksum >> (5 * (7 - i))) & 31] for i in range(8))


def key_agg(xonly_keys):
    """BIP-327 KeyAgg of x-only keys taken with even y; returns the x-only aggregate."""
    plain = [b"\x02" + k for k in xonly_keys]
    L = btclib.tagged_hash("KeyAgg list", b"".join(plain))
    second = next((k for k in plain if k != plain[0]), None)
    q = None
    for k in plain:
        a = 1 if k == second else int.from_bytes(btclib.tagged_hash("KeyAgg coefficient", L + k), "big") % N
        p = btclib.point_mul(btclib.lift_x(int.from_bytes(k[1:], "big")), a)
        q = p if q is None else btclib.point_add(q, p)
    return q[0].to_bytes(32, "big")


def push_int(n):
    if n == 0:
        return b"\x00"
    if 1 <= n <= 16:
        return bytes([0x50 + n])
    body = n.to_bytes((n.bit_length() + 8) // 8, "little")
    return bytes([len(body)]) + body


def multi_a(k, keys):
    out = b""
    for i, key in enumerate(keys):
        out += b"\x20" + key + (b"\xac" if i == 0 else b"\xba")
    return out + push_int(k) + b"\x9c"


# bech32m (BIP-350) for the P2TR address.
def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def p2tr_address(hrp, program):
    data, acc, bits = [1], 0, 0
    for byte in program:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = bech32_polymod(expanded + data + [0] * 6) ^ 0x2BC830A3
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHECKSUM_CHARSET[d] for d in data + checksum)


def parse_descriptor(desc):
    """tr(INTERNAL,multi_a(k,K...)) or tr(INTERNAL,{multi_a(k,K...),and_v(v:older(D),multi_a(kr,R...))})"""
    body, _, checksum = desc.partition("#")
    assert body.startswith("tr(") and body.endswith(")"), "not a tr() descriptor"
    inner = body[3:-1]
    internal, _, tree = inner.partition(",")

    def multi(s):
        assert s.startswith("multi_a(") and s.endswith(")"), f"not multi_a: {s}"
        parts = s[len("multi_a("):-1].split(",")
        return int(parts[0]), [bytes.fromhex(p) for p in parts[1:]]

    if tree.startswith("{"):
        left, _, right = tree[1:-1].partition(",and_v(v:older(")
        delay, _, rest = right.partition("),")
        recovery = (int(delay),) + multi(rest[:-1])
        return body, checksum, bytes.fromhex(internal), multi(left), recovery
    return body, checksum, bytes.fromhex(internal), multi(tree), None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:9944", help="the node's HTTP RPC")
    ap.add_argument("--vault", type=int, help="a vault id (default: the current vault)")
    args = ap.parse_args()
    if args.vault is None:
        raw = rpc(args.url, "state_call", ["ThresholdSignerApi_current_vault", "0x"])
    else:
        raw = rpc(args.url, "state_call", ["ThresholdSignerApi_vault", "0x" + args.vault.to_bytes(4, "little").hex()])
    vault = decode_vault(bytes.fromhex(raw[2:]))
    if vault is None:
        sys.exit("check-vault: the chain has no such vault")
    errors = []

    def same(what, ours, theirs):
        if ours != theirs:
            errors.append(f"{what}: recomputed {ours}, chain says {theirs}")

    body, checksum, internal, (k, keys), recovery = parse_descriptor(vault["descriptor"])
    same("BIP-380 checksum", descsum_create(body), checksum)
    same("signer keys", [k.hex() for k in keys], [key for _, key in vault["members"]])
    same("keys are sorted", sorted(keys), keys)
    n = len(keys)
    same("threshold k = ceil(2n/3)", -(-2 * n // 3), k)
    same("threshold", k, vault["threshold"])
    same("internal key = KeyAgg(keys)", key_agg(keys).hex(), internal.hex())
    same("internal key", internal.hex(), vault["internal_key"])
    leaf1 = multi_a(k, keys)
    same("multi_a leaf", leaf1.hex(), vault["multi_a_leaf"])
    root = btclib.tapleaf_hash(leaf1)
    if recovery is not None:
        delay, kr, rkeys = recovery
        leaf2 = push_int(delay) + b"\xb2\x69" + multi_a(kr, rkeys)
        same("recovery leaf", leaf2.hex(), vault["recovery_leaf"])
        root = btclib.tapbranch(root, btclib.tapleaf_hash(leaf2))
    same("merkle root", root.hex(), vault["merkle_root"])
    tweaked = btclib.taproot_tweak_pubkey(internal, root)
    _, output_key = tweaked
    same("output key", output_key.hex(), vault["output_key"])
    same("scriptPubKey", "5120" + output_key.hex(), vault["script_pubkey"])
    addresses = {net: p2tr_address(hrp, output_key) for net, hrp in
                 [("mainnet", "bc"), ("testnet/signet", "tb"), ("regtest", "bcrt")]}
    if vault["address"] is not None:
        if vault["address"] not in addresses.values():
            errors.append(f"address {vault['address']} is none of {addresses}")

    print(f"vault {vault['id']} (session {vault['session']}): {k} of {n}")
    print(f"  descriptor   {vault['descriptor']}")
    print(f"  output key   {vault['output_key']}")
    for net, addr in addresses.items():
        print(f"  {net:<14} {addr}")
    print(f"  on chain     {vault['address'] or '(no address before the light client is initialized)'}")
    if errors:
        for e in errors:
            print(f"vault check: MISMATCH {e}", file=sys.stderr)
        sys.exit(1)
    print("vault check: OK (checksum, KeyAgg, leaves, Merkle root, tweak, address recomputed in Python)")


if __name__ == "__main__":
    main()
