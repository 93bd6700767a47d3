#!/usr/bin/env python3
"""A stand-in for bitcoind's JSON-RPC, for testing tapchain-relayer where no bitcoind can run.

It answers the methods the relayer uses, exactly as Bitcoin Core formats them:
  getblockchaininfo, getblockhash, getblockheader <hash> [false], getblock <hash> [0|1],
  getrawtransaction <txid> [false], gettxoutproof [txid] (a serialized CMerkleBlock),
  sendrawtransaction <hex>, getrawmempool;
and, on regtest, the mining calls a test drives it with:
  generatetoaddress N <address>  mines N blocks, the first with every mempool transaction;
  generateblock <output> [rawhex, ...]  mines one block with exactly these transactions.

Two chains:
  --headers FILE --chain main   serve real headers from a *.bin file (80 bytes each, from 0);
  --regtest N                    mine N regtest blocks here (regtest's target takes ~2 hashes).

Regtest blocks are whole blocks: a real coinbase transaction, then the block's transactions, so
`getblock <hash> 0` deserializes and its merkle root checks. With --include-tx HEIGHT:RAWHEX a
block mined at start carries a real transaction. The mempool keeps what sendrawtransaction got;
a transaction spending an outpoint a mempool one spends replaces it (BIP-125, the mock does not
compare fees, it cannot know the prevouts' values); one spending an outpoint a block already
spent is refused (-25), so two versions of a batch never both confirm.

Mock-only methods:
  mock_reorg(fork_height, new_tip_height)  replaces the regtest chain above fork_height with
      freshly mined blocks (the transactions those blocks held go back to the mempool);
  mock_censor(txid)  never mines that transaction (a fee too low for miners, for fee-bump tests).

Prints "listening on PORT" once ready. Standard library only.
"""
import argparse
import base64
import hashlib
import json
import struct
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def sha256d(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def display(h):
    return h[::-1].hex()


def varint(n):
    if n < 0xFD:
        return bytes([n])
    if n <= 0xFFFF:
        return b"\xfd" + struct.pack("<H", n)
    return b"\xfe" + struct.pack("<I", n)


def read_varint(raw, p):
    b = raw[p]
    if b < 0xFD:
        return b, p + 1
    if b == 0xFD:
        return struct.unpack_from("<H", raw, p + 1)[0], p + 3
    return struct.unpack_from("<I", raw, p + 1)[0], p + 5


def strip_witness(raw):
    """Non-witness serialization of a transaction (for its txid)."""
    if len(raw) > 6 and raw[4] == 0 and raw[5] == 1:
        pos = 6
        n_in, pos = read_varint(raw, pos)
        for _ in range(n_in):
            pos += 36
            l, pos = read_varint(raw, pos)
            pos += l + 4
        n_out, pos = read_varint(raw, pos)
        for _ in range(n_out):
            pos += 8
            l, pos = read_varint(raw, pos)
            pos += l
        # version | inputs and outputs (without marker and flag) | locktime
        return raw[:4] + raw[6:pos] + raw[-4:]
    return raw


def tx_inputs(raw):
    """The outpoints (txid bytes, vout) a transaction spends. Raises on bytes that do not
    decode as a transaction, so that sendrawtransaction refuses them as Core does."""
    pos = 4
    if raw[4] == 0 and raw[5] == 1:
        pos = 6
    n_in, pos = read_varint(raw, pos)
    out = []
    for _ in range(n_in):
        if pos + 36 > len(raw):
            raise ValueError("truncated input")
        out.append((raw[pos:pos + 32], struct.unpack_from("<I", raw, pos + 32)[0]))
        pos += 36
        l, pos = read_varint(raw, pos)
        pos += l + 4
    if pos > len(raw):
        raise ValueError("truncated transaction")
    return out


def coinbase(height, salt):
    """A coinbase transaction (legacy serialization): BIP-34 height, a salt that makes each
    chain's blocks differ, 50 BTC to OP_TRUE."""
    script_sig = b"\x04" + struct.pack("<I", height) + b"\x04" + struct.pack("<I", salt)
    return (struct.pack("<i", 1) + b"\x01" + b"\x00" * 32 + b"\xff\xff\xff\xff"
            + varint(len(script_sig)) + script_sig + b"\xff\xff\xff\xff"
            + b"\x01" + struct.pack("<q", 50 * 100_000_000) + b"\x01\x51" + b"\x00\x00\x00\x00")


def merkle_root(leaves):
    level = list(leaves)
    while len(level) > 1:
        if len(level) % 2:
            level.append(level[-1])
        level = [sha256d(level[i] + level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def merkle_block(header, leaves, match):
    """CMerkleBlock for one matched leaf: Bitcoin Core's CPartialMerkleTree traversal."""
    n = len(leaves)

    def width(h):
        return (n + (1 << h) - 1) >> h

    def node_hash(h, pos):
        if h == 0:
            return leaves[pos]
        left = node_hash(h - 1, pos * 2)
        right = node_hash(h - 1, pos * 2 + 1) if pos * 2 + 1 < width(h - 1) else left
        return sha256d(left + right)

    height = 0
    while width(height) > 1:
        height += 1
    bits, hashes = [], []

    def walk(h, pos):
        parent_of_match = (match >> h) == pos
        bits.append(parent_of_match)
        if h == 0 or not parent_of_match:
            hashes.append(node_hash(h, pos))
        else:
            walk(h - 1, pos * 2)
            if pos * 2 + 1 < width(h - 1):
                walk(h - 1, pos * 2 + 1)

    walk(height, 0)
    flags = bytearray((len(bits) + 7) // 8)
    for i, b in enumerate(bits):
        if b:
            flags[i // 8] |= 1 << (i % 8)
    return header + struct.pack("<I", n) + varint(len(hashes)) + b"".join(hashes) + varint(len(flags)) + bytes(flags)


REGTEST_GENESIS = bytes.fromhex(
    "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4adae5494dffff7f2002000000"
)
# The genesis block's coinbase (the "Chancellor on brink" transaction), so that
# `getblock <genesis> 0` is the real block.
REGTEST_GENESIS_COINBASE = bytes.fromhex(
    "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000"
)
REGTEST_TARGET = 0x7FFFFF << (8 * (0x20 - 3))


class Chain:
    def __init__(self, chain_name):
        self.name = chain_name
        self.headers = []  # raw 80-byte headers, index = height
        self.txs = {}  # height -> list of raw txs (None for a --headers chain's synthetic leaves)
        self.leaves = {}  # height -> list of txids (internal)
        self.mempool = {}  # txid (internal) -> raw tx, in arrival order
        self.censored = set()  # txids (internal) never mined
        self.spent = {}  # outpoint a block's transaction spends -> that block's height

    def hash_at(self, h):
        return sha256d(self.headers[h])

    def mine_regtest(self, parent_height, count, salt, include):
        """Mines `count` blocks on `parent_height`; block `parent_height + 1 + i` holds
        `include.get(height, [])` after its coinbase. Blocks above the parent are dropped
        first, their transactions back to the mempool (as a reorg does in Core)."""
        for h in sorted(k for k in self.txs if k > parent_height):
            for raw in self.txs[h][1:]:
                if raw is not None:
                    self.mempool.setdefault(sha256d(strip_witness(raw)), raw)
            del self.txs[h]
            self.leaves.pop(h, None)
        self.spent = {o: h for o, h in self.spent.items() if h <= parent_height}
        del self.headers[parent_height + 1:]
        prev = self.headers[parent_height]
        hashes = []
        for i in range(count):
            height = parent_height + 1 + i
            txs = [coinbase(height, salt)] + list(include.get(height, []))
            leaves = [sha256d(strip_witness(raw)) for raw in txs]
            for leaf in leaves:
                self.mempool.pop(leaf, None)
            self.leaves[height] = leaves
            self.txs[height] = txs
            for raw in txs[1:]:
                try:
                    for outpoint in tx_inputs(raw):
                        self.spent[outpoint] = height
                except (IndexError, ValueError, struct.error):
                    pass  # an --include-tx leaf that is no transaction spends nothing
            time = struct.unpack_from("<I", prev, 68)[0] + 600
            nonce = 0
            while True:
                hdr = (struct.pack("<i", 0x20000000) + sha256d(prev) + merkle_root(leaves)
                       + struct.pack("<III", time, 0x207FFFFF, nonce))
                if int.from_bytes(sha256d(hdr), "little") <= REGTEST_TARGET:
                    break
                nonce += 1
            self.headers.append(hdr)
            hashes.append(display(sha256d(hdr)))
            prev = hdr
        return hashes

    def tip(self):
        return len(self.headers) - 1

    def find(self, display_hash):
        """Height of a header on this chain, by hash: an index rebuilt whenever the chain
        changed (a linear scan made a 2016-header getblockheader batch quadratic)."""
        key = (len(self.headers), self.headers[-1] if self.headers else None)
        if getattr(self, "_index_key", None) != key:
            self._index = {sha256d(hdr): h for h, hdr in enumerate(self.headers)}
            self._index_key = key
        try:
            return self._index.get(bytes.fromhex(display_hash)[::-1])
        except (ValueError, TypeError):
            return None

    def find_tx(self, txid_display):
        want = bytes.fromhex(txid_display)[::-1]
        for h, leaves in self.leaves.items():
            for i, leaf in enumerate(leaves):
                if leaf == want and self.txs[h][i] is not None:
                    return h, i
        return None

    def block(self, h):
        """The serialized block at height h (regtest only: every transaction is known)."""
        txs = self.txs.get(h)
        if txs is None or any(t is None for t in txs):
            raise RpcError(-1, "Block not available (pruned data)")
        return self.headers[h] + varint(len(txs)) + b"".join(txs)

    def mine_mempool(self, count, salt):
        ready = [raw for txid, raw in self.mempool.items() if txid not in self.censored]
        return self.mine_regtest(self.tip(), count, salt, {self.tip() + 1: ready})

    def accept(self, raw):
        """sendrawtransaction: into the mempool, replacing what spends the same outpoints."""
        try:
            spends = set(tx_inputs(raw))
            txid = sha256d(strip_witness(raw))
        except (IndexError, ValueError, struct.error):
            raise RpcError(-22, "TX decode failed. Make sure the tx has at least one input.")
        if self.find_tx(display(txid)) is not None:
            raise RpcError(-27, "Transaction outputs already in utxo set")
        if txid in self.mempool:
            return display(txid)
        # An outpoint a block already spent cannot be spent again (Core: -25).
        if any(o in self.spent for o in spends):
            raise RpcError(-25, "bad-txns-inputs-missingorspent")
        for other, other_raw in list(self.mempool.items()):
            if spends & set(tx_inputs(other_raw)):
                del self.mempool[other]
        self.mempool[txid] = raw
        return display(txid)


class RpcError(Exception):
    def __init__(self, code, message):
        self.code, self.message = code, message


def regtest_only(chain, method):
    if chain.name != "regtest":
        raise RpcError(-32601, f"{method} is only for regtest")


def handle(chain, method, params):
    if method == "getblockchaininfo":
        tip = chain.tip()
        return {"chain": chain.name, "blocks": tip, "headers": tip,
                "bestblockhash": display(chain.hash_at(tip))}
    if method == "getblockhash":
        h = params[0]
        if not isinstance(h, int) or h < 0 or h >= len(chain.headers):
            raise RpcError(-8, "Block height out of range")
        return display(chain.hash_at(h))
    if method == "getblockheader":
        h = chain.find(params[0])
        if h is None:
            raise RpcError(-5, "Block not found")
        if len(params) > 1 and params[1] is False:
            return chain.headers[h].hex()
        return {"hash": params[0], "height": h, "confirmations": len(chain.headers) - h}
    if method == "getblock":
        h = chain.find(params[0]) if params else None
        if h is None:
            raise RpcError(-5, "Block not found")
        verbosity = params[1] if len(params) > 1 else 1
        if verbosity == 0:
            return chain.block(h).hex()
        if verbosity != 1:
            raise RpcError(-8, "Verbosity must be in range 0..1 in this mock")
        out = {"hash": params[0], "confirmations": chain.tip() - h + 1, "height": h,
               "nTx": len(chain.leaves[h]), "tx": [display(t) for t in chain.leaves[h]]}
        if h > 0:
            out["previousblockhash"] = display(chain.hash_at(h - 1))
        if h < chain.tip():
            out["nextblockhash"] = display(chain.hash_at(h + 1))
        return out
    if method == "getrawtransaction":
        found = chain.find_tx(params[0])
        if found is None:
            raw = chain.mempool.get(bytes.fromhex(params[0])[::-1])
            if raw is not None:
                return raw.hex()
            raise RpcError(-5, "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.")
        h, i = found
        return chain.txs[h][i].hex()
    if method == "gettxoutproof":
        found = chain.find_tx(params[0][0])
        if found is None:
            raise RpcError(-5, "Transaction not yet in block")
        h, i = found
        return merkle_block(chain.headers[h], chain.leaves[h], i).hex()
    if method == "sendrawtransaction":
        try:
            raw = bytes.fromhex(params[0])
        except (ValueError, TypeError, IndexError):
            raise RpcError(-22, "TX decode failed. Make sure the tx has at least one input.")
        return chain.accept(raw)
    if method == "getrawmempool":
        return [display(t) for t in chain.mempool]
    if method == "generatetoaddress":
        regtest_only(chain, method)
        n = params[0]
        if not isinstance(n, int) or n < 0:
            raise RpcError(-8, "nblocks must be a non-negative integer")
        return chain.mine_mempool(n, salt=chain.tip() * 104729 + n) if n else []
    if method == "generateblock":
        regtest_only(chain, method)
        txs = []
        for item in params[1] if len(params) > 1 else []:
            txid = None
            try:
                txid = bytes.fromhex(item)[::-1] if len(item) == 64 else None
            except ValueError:
                pass
            if txid is not None and txid in chain.mempool:
                txs.append(chain.mempool[txid])
                continue
            try:
                raw = bytes.fromhex(item)
                tx_inputs(raw)
            except (ValueError, IndexError, struct.error):
                raise RpcError(-22, f"Transaction decode failed for {item}. Make sure the tx has at least one input.")
            txs.append(raw)
        [hash_] = chain.mine_regtest(chain.tip(), 1, salt=chain.tip() * 7907 + 1, include={chain.tip() + 1: txs})
        return {"hash": hash_}
    if method == "mock_censor":
        chain.censored.add(bytes.fromhex(params[0])[::-1])
        return None
    if method == "mock_reorg":
        regtest_only(chain, method)
        fork, tip = params
        return chain.mine_regtest(fork, tip - fork, salt=fork * 7919 + tip, include=chain.include)[-1]
    raise RpcError(-32601, "Method not found")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--headers", help="*.bin file of 80-byte headers from height 0")
    ap.add_argument("--count", type=int, default=0, help="serve only the first COUNT headers")
    ap.add_argument("--chain", default="main", help="getblockchaininfo chain name for --headers")
    ap.add_argument("--regtest", type=int, help="mine this many regtest blocks")
    ap.add_argument("--include-tx", action="append", default=[], help="HEIGHT:RAWHEX")
    ap.add_argument("--rpcuser")
    ap.add_argument("--rpcpassword")
    args = ap.parse_args()

    include = {}
    for item in args.include_tx:
        h, raw = item.split(":", 1)
        include.setdefault(int(h), []).append(bytes.fromhex(raw))

    if args.headers:
        chain = Chain(args.chain)
        data = open(args.headers, "rb").read()
        n = len(data) // 80 if not args.count else args.count
        chain.headers = [data[80 * i:80 * i + 80] for i in range(n)]
    elif args.regtest is not None:
        chain = Chain("regtest")
        chain.headers = [REGTEST_GENESIS]
        chain.leaves[0] = [bytes.fromhex("3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a")]
        chain.txs[0] = [REGTEST_GENESIS_COINBASE]
        chain.mine_regtest(0, args.regtest, salt=1, include=include)
    else:
        ap.error("give --headers FILE or --regtest N")
    chain.include = include

    auth = None
    if args.rpcuser is not None:
        auth = "Basic " + base64.b64encode(f"{args.rpcuser}:{args.rpcpassword}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def do_POST(self):
            if auth is not None and self.headers.get("Authorization") != auth:
                self.send_response(401)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))

            def one(req):
                try:
                    return 200, {"result": handle(chain, req.get("method"), req.get("params", [])),
                                 "error": None, "id": req.get("id")}
                except RpcError as e:
                    return (404 if e.code == -32601 else 500), {
                        "result": None, "error": {"code": e.code, "message": e.message}, "id": req.get("id")}

            try:
                req = json.loads(body)
                if isinstance(req, list):  # a batch: HTTP 200, one reply per call (as bitcoind)
                    code, out = 200, [one(r)[1] for r in req]
                else:
                    code, out = one(req)
            except Exception as e:  # malformed request
                out = {"result": None, "error": {"code": -32700, "message": str(e)}, "id": None}
                code = 500
            data = json.dumps(out).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    srv = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"listening on {srv.server_address[1]}", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
