#!/usr/bin/env python3
"""Copies a document bucket to a folder (backup) or a folder into a new bucket (restore) over the S3 API.

Used by scripts/cluster/backup.sh and restore.sh; speaks plain S3 (AWS signature V4) with the Python
standard library, so it works against MinIO and the local test server alike, with no client installed.
Each object is kept as <folder>/objects/<key> with its content type and user metadata (x-amz-meta-*,
where OneThing keeps each revision's SHA-256) in <folder>/objects.json, so a restored object is the
stored one, byte for byte, with the same metadata.

  s3-copy.py backup  <bucket> <folder>
  s3-copy.py restore <folder> <bucket>

Endpoint and keys come from ONETHING_S3_ENDPOINT (host:port), ONETHING_S3_ACCESS_KEY,
ONETHING_S3_SECRET_KEY, ONETHING_S3_REGION (default us-east-1) and ONETHING_S3_USE_SSL (true/false).
"""
import datetime
import hashlib
import hmac
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

ENDPOINT = os.environ.get("ONETHING_S3_ENDPOINT", "")
ACCESS = os.environ.get("ONETHING_S3_ACCESS_KEY", "")
SECRET = os.environ.get("ONETHING_S3_SECRET_KEY", "")
REGION = os.environ.get("ONETHING_S3_REGION", "us-east-1")
SCHEME = "https" if os.environ.get("ONETHING_S3_USE_SSL", "false").lower() == "true" else "http"
NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


def fail(message):
    print(f"s3-copy: {message}", file=sys.stderr)
    sys.exit(1)


def request(method, bucket, key="", query=None, body=b"", headers=None):
    """One signed request (AWS signature V4, path-style); returns (status, headers, body)."""
    query = query or {}
    path = "/" + urllib.parse.quote(bucket) + ("/" + urllib.parse.quote(key, safe="/~") if key else "")
    canonical_query = "&".join(f"{urllib.parse.quote(k, safe='~')}={urllib.parse.quote(str(v), safe='~')}" for k, v in sorted(query.items()))
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    payload_hash = hashlib.sha256(body).hexdigest()
    all_headers = {"host": ENDPOINT, "x-amz-date": amz_date, "x-amz-content-sha256": payload_hash}
    all_headers.update({k.lower(): v for k, v in (headers or {}).items()})
    signed = sorted(all_headers)
    canonical = "\n".join([method, path, canonical_query,
                           "".join(f"{h}:{str(all_headers[h]).strip()}\n" for h in signed),
                           ";".join(signed), payload_hash])
    scope = f"{day}/{REGION}/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key_bytes = ("AWS4" + SECRET).encode()
    for part in (day, REGION, "s3", "aws4_request"):
        key_bytes = hmac.new(key_bytes, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key_bytes, to_sign.encode(), hashlib.sha256).hexdigest()
    all_headers["authorization"] = f"AWS4-HMAC-SHA256 Credential={ACCESS}/{scope}, SignedHeaders={';'.join(signed)}, Signature={signature}"
    url = f"{SCHEME}://{ENDPOINT}{path}" + (f"?{canonical_query}" if canonical_query else "")
    req = urllib.request.Request(url, data=body if method in ("PUT", "POST") else None, method=method,
                                 headers={k: v for k, v in all_headers.items() if k != "host"})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def list_keys(bucket):
    keys, token = [], None
    while True:
        query = {"list-type": "2"}
        if token:
            query["continuation-token"] = token
        status, _, body = request("GET", bucket, query=query)
        if status != 200:
            fail(f"listing {bucket}: {status} {body[:300]!r}")
        root = ET.fromstring(body)
        keys += [c.find(f"{NS}Key").text for c in root.findall(f"{NS}Contents")]
        if (root.findtext(f"{NS}IsTruncated") or "false").lower() != "true":
            return keys
        token = root.findtext(f"{NS}NextContinuationToken")


def backup(bucket, folder):
    objects = {}
    for key in list_keys(bucket):
        status, headers, body = request("GET", bucket, key)
        if status != 200:
            fail(f"reading {key}: {status}")
        target = os.path.join(folder, "objects", key)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(body)
        lower = {k.lower(): v for k, v in headers.items()}
        objects[key] = {
            "contentType": lower.get("content-type", "application/octet-stream"),
            "metadata": {k: v for k, v in lower.items() if k.startswith("x-amz-meta-")},
            "sha256": hashlib.sha256(body).hexdigest(),
            "length": len(body),
        }
    with open(os.path.join(folder, "objects.json"), "w") as f:
        json.dump({"bucket": bucket, "objects": objects}, f, indent=1, sort_keys=True)
    print(f"s3-copy: {len(objects)} objects of bucket {bucket} copied to {folder}/objects", file=sys.stderr)


def restore(folder, bucket):
    with open(os.path.join(folder, "objects.json")) as f:
        objects = json.load(f)["objects"]
    status, _, body = request("PUT", bucket)
    # A new or empty bucket only (an operator may create it first, e.g. with object lock): restoring over
    # a live one would mix two histories.
    if status != 200 and not (status == 409 and not list_keys(bucket)):
        fail(f"creating bucket {bucket}: {status} {body[:300]!r} (restore needs a new or empty bucket)")
    for key, info in sorted(objects.items()):
        with open(os.path.join(folder, "objects", key), "rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() != info["sha256"]:
            fail(f"{key} in the backup does not hash to what was copied (backup damaged)")
        status, _, body = request("PUT", bucket, key, body=data, headers={"content-type": info["contentType"], **info["metadata"]})
        if status != 200:
            fail(f"writing {key}: {status} {body[:300]!r}")
    if len(list_keys(bucket)) != len(objects):
        fail(f"bucket {bucket} does not hold the {len(objects)} objects restored")
    print(f"s3-copy: {len(objects)} objects restored into bucket {bucket}", file=sys.stderr)


if __name__ == "__main__":
    if not ENDPOINT or not ACCESS or not SECRET:
        fail("ONETHING_S3_ENDPOINT, ONETHING_S3_ACCESS_KEY and ONETHING_S3_SECRET_KEY must be set")
    if len(sys.argv) == 4 and sys.argv[1] == "backup":
        backup(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "restore":
        restore(sys.argv[2], sys.argv[3])
    else:
        fail("usage: s3-copy.py backup <bucket> <folder> | restore <folder> <bucket>")
