"""The throughput benchmarks behind scripts/bench.sh. Standard library only."""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.environ["REPO_ROOT"]
TARGET = os.environ["CARGO_TARGET_DIR"]
NODE = os.path.join(TARGET, "release", "tapchain-node")
RELAYER = os.path.join(TARGET, "release", "tapchain-relayer")
DATA = os.environ.get("TAPCHAIN_BTC_DATA", os.path.join(ROOT, "testdata", "btc"))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def rpc(port, method, params=None):
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}",
        data=json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)["result"]


class Node:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="tapchain-bench-")
        self.port = free_port()
        p2p = free_port()
        self.log = open(os.path.join(self.dir, "node.log"), "w")
        self.proc = subprocess.Popen(
            [NODE, "--dev", "--base-path", self.dir, "--rpc-port", str(self.port),
             "--listen-addr", f"/ip4/127.0.0.1/tcp/{p2p}", "--no-prometheus", "--no-telemetry", "--no-mdns"],
            stdout=self.log, stderr=self.log)
        for _ in range(240):
            try:
                rpc(self.port, "system_health")
                return
            except Exception:
                time.sleep(0.25)
        raise SystemExit("tapchain-node did not start; see " + self.log.name)

    def heights(self):
        best = int(rpc(self.port, "chain_getHeader")["number"], 16)
        fin = int(rpc(self.port, "chain_getHeader", [rpc(self.port, "chain_getFinalizedHead")])["number"], 16)
        return best, fin

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def blocks_in(seconds):
    node = Node()
    try:
        b0, f0 = node.heights()
        time.sleep(seconds)
        b1, f1 = node.heights()
        return b1 - b0, f1 - f0, b1 - f1
    finally:
        node.stop()


def relayer_sync(count, batch):
    node = Node()
    mock = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "e2e/mock-bitcoind/mock_bitcoind.py"), "--port", "0",
         "--headers", os.path.join(DATA, "mainnet/headers_0000000_0010236.bin"), "--count", str(count)],
        stdout=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r"listening on (\d+)", mock.stdout.readline()).group(1))
        t0 = time.time()
        out = subprocess.run(
            [RELAYER, "--bitcoind-url", f"http://127.0.0.1:{port}", "--node-url", f"ws://127.0.0.1:{node.port}",
             "run", "--init-height", "0", "--batch-size", str(batch), "--once"],
            capture_output=True, text=True)
        dt = time.time() - t0
        if out.returncode != 0:
            raise SystemExit("relayer failed:\n" + out.stderr)
        return count - 1, dt
    finally:
        mock.terminate()
        node.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--headers", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=2016)
    ap.add_argument("--erc20-txs", type=int, default=2000, help="signed ERC-20 transfers to push at once")
    a = ap.parse_args()
    for b in (NODE, RELAYER):
        if not os.path.exists(b):
            raise SystemExit(f"{b} not built; run ./scripts/test.sh first")
    produced, finalized, lag = blocks_in(a.seconds)
    print(f"dev chain, {a.seconds} s: {produced} blocks produced, {finalized} finalized, finality lag {lag} blocks")
    n, dt = relayer_sync(a.headers, a.batch)
    print(f"relayer: {n} mainnet headers in {dt:.1f} s = {n / dt:.0f} headers/s (batch {a.batch}, including light-client initialization)")
    # ERC-20 transfers per block through tapchain-eth-rpc (its own node; see the script's header).
    subprocess.run(["node", os.path.join(ROOT, "e2e/bench/erc20-per-block.js"), "--txs", str(a.erc20_txs)], check=True)


if __name__ == "__main__":
    main()
