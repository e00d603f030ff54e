// SPDX-License-Identifier: MIT
// The same signing jobs in the vendors' own Node.js SDKs, next to objproc's benchmark (not a test:
// timings depend on the machine; nothing is sent anywhere).
//
// Each job is a seed vector of tests/vectors/signing.json. The SDK must first reproduce the
// vector's Authorization byte for byte (so both sides do the same job), then it is timed:
//   oss-v4-process-object-seed  ali-oss signUtils.authorizationV4   vs oss_v4_sign/openssl
//   oss-v1-process-object-seed  ali-oss signUtils.authorization     vs oss_v1_sign/openssl
//   cos-ci-image-process-seed   cos-nodejs-sdk-v5 util.getAuth      vs cos_sign/openssl
// The SDK side only computes the Authorization value (plus the V1 string to sign); objproc's
// side returns a whole signed request descriptor, so the comparison favours the SDKs. Both use
// OpenSSL underneath (Node's crypto, objproc's adapter); ali-oss derives the V4 key on every
// call, as oss_v4_sign does (oss_v4_sign_cached is objproc with its key cache).
//
// Usage:
//   npm install --prefix /tmp/objproc-sdks ali-oss@6 cos-nodejs-sdk-v5@3   # once
//   bench/run.sh /tmp/objproc-bench 3 '^(oss_v4_sign|oss_v1_sign|cos_sign)/openssl'
//   NODE_PATH=/tmp/objproc-sdks/node_modules node bench/compare_sdks.js /tmp/objproc-bench/bench.json
// Without the benchmark JSON it prints the SDKs' times alone.
'use strict';

const fs = require('fs');
const path = require('path');

const signUtils = require('ali-oss/lib/common/signUtils');
const cosUtil = require('cos-nodejs-sdk-v5/sdk/util');

const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'tests', 'vectors', 'signing.json'), 'utf8')).vectors;
const vector = id => {
  const v = vectors.find(x => x.id === id);
  if (!v) throw new Error(`signing.json has no vector ${id}`);
  return v;
};

// Vector query pairs as the SDKs take them (a null value: a key without '=').
const queryObject = pairs => Object.fromEntries((pairs || []).map(([k, v]) => [k, v]));
const headerObject = pairs => Object.fromEntries((pairs || []).map(([k, v]) => [k, v]));

function ossV4Job() {
  const v = vector('oss-v4-process-object-seed');
  const headers = headerObject(v.headers);
  for (const [k, value] of v.expect.headers_added) headers[k] = value;
  const request = {headers, queries: queryObject(v.query)};
  const c = v.credentials;
  return {
    name: 'oss_v4_sign/openssl', sdk: 'ali-oss authorizationV4', expect: v.expect.authorization,
    run: () => signUtils.authorizationV4(c.access_key_id, c.access_key_secret, v.region, v.method,
                                         request, v.bucket, v.key),
  };
}

function ossV1Job() {
  const v = vector('oss-v1-process-object-seed');
  const headers = headerObject(v.headers);
  for (const [k, value] of v.expect.headers_added) headers[k] = value;
  const parameters = {};
  for (const [k, value] of v.query || []) parameters[k] = value === null ? '' : value;
  const resource = `/${v.bucket}/${v.key}`;
  const c = v.credentials;
  return {
    name: 'oss_v1_sign/openssl', sdk: 'ali-oss authorization', expect: v.expect.authorization,
    run: () => signUtils.authorization(
        c.access_key_id, c.access_key_secret,
        signUtils.buildCanonicalString(v.method, resource, {headers, parameters})),
  };
}

function cosJob() {
  const v = vector('cos-ci-image-process-seed');
  const c = v.credentials;
  const keyTime = v.expect.key_time;
  const options = {
    SecretId: c.access_key_id, SecretKey: c.access_key_secret, Method: v.method,
    Pathname: `/${v.key}`, Query: queryObject(v.query), Headers: headerObject(v.headers),
    KeyTime: keyTime,
  };
  return {
    name: 'cos_sign/openssl', sdk: 'cos-nodejs-sdk-v5 getAuth', expect: v.expect.authorization,
    run: () => cosUtil.getAuth(options),
  };
}

// Median over batches of the time per call, after a warm-up (Node's JIT).
function nsPerCall(run) {
  const batch = 20000;
  for (let i = 0; i < batch; ++i) run();
  const samples = [];
  for (let b = 0; b < 7; ++b) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; ++i) run();
    samples.push(Number(process.hrtime.bigint() - start) / batch);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

// objproc's median CPU time per benchmark from a Google Benchmark JSON (bench/run.sh's output).
function objprocTimes(file) {
  const times = {};
  if (!file) return times;
  for (const b of JSON.parse(fs.readFileSync(file, 'utf8')).benchmarks) {
    if (b.aggregate_name === 'median' && b.run_name) times[b.run_name] = b.cpu_time;
  }
  return times;
}

const objproc = objprocTimes(process.argv[2]);
console.log('job                    SDK                             SDK ns  objproc ns  SDK/objproc');
for (const job of [ossV4Job(), ossV1Job(), cosJob()]) {
  const got = job.run();
  if (got !== job.expect) {
    console.error(`${job.sdk} does not reproduce the vector:\n  got    ${got}\n  expect ${job.expect}`);
    process.exit(1);
  }
  const sdk = nsPerCall(job.run);
  const ours = objproc[job.name];
  const ratio = ours ? `${(sdk / ours).toFixed(1)}x` : '-';
  console.log(`${job.name.padEnd(22)} ${job.sdk.padEnd(30)} ${sdk.toFixed(0).padStart(7)}` +
              ` ${ours ? ours.toFixed(0).padStart(11) : '          -'}  ${ratio.padStart(11)}`);
}
