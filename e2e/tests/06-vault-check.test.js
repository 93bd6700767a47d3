// The `local` chain's 3-of-4 vault, recomputed outside the runtime: `scripts/check-vault.py`
// rebuilds its checksum, KeyAgg internal key, leaves, Merkle root, output key and addresses
// in plain Python from the descriptor the runtime API returns.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode } from '../lib/node.js';

const script = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/check-vault.py');
let node;

after(async () => {
  if (node) await node.stop();
});

test('the local vault recomputes in Python from its descriptor', async () => {
  // Genesis state is enough: the vault exists from block 0.
  node = await startNode(['--chain', 'local']);
  const out = execFileSync('python3', [script, '--url', `http://127.0.0.1:${node.rpcPort}`], {
    encoding: 'utf8',
  });
  console.log(out);
  assert.match(out, /vault 0 \(session 0\): 3 of 4/);
  assert.match(out, /descriptor +tr\([0-9a-f]{64},\{multi_a\(3,([0-9a-f]{64},){3}[0-9a-f]{64}\),and_v\(v:older\(12960\),multi_a\(2,/);
  assert.match(out, /#[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{8}\n/);
  assert.match(out, /regtest +bcrt1p[02-9ac-hj-np-z]{58}\n/);
  assert.match(out, /vault check: OK/);
  // A vault that does not exist is a clear error, not a traceback.
  let failed;
  try {
    execFileSync('python3', [script, '--url', `http://127.0.0.1:${node.rpcPort}`, '--vault', '9'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    failed = e;
  }
  assert.ok(failed, 'vault 9 does not exist');
  assert.match(failed.stderr, /check-vault: the chain has no such vault/);
});
