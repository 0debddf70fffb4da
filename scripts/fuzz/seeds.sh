#!/usr/bin/env bash
# Makes the seed corpora in $FUZZ_DIR/seeds/<harness>/ (kept out of git, remade when missing or with --force):
#   - the project's own files: a demo case's signed B-LTA document, a small document it signs, timestamp
#     queries and tokens, OCSP requests for its PKI, handwriting PNGs, intake bodies from samples/;
#   - other producers: qpdf rewrites (object streams, QDF, linearized), a pdfsig signature (NSS with an
#     openssl-made key), openssl timestamp queries, OCSP requests and CMS;
#   - the tiny hand-made edge cases committed under fuzz/edge-cases/.
set -euo pipefail
source "$(dirname "$0")/common.sh"
SEEDS="$FUZZ_DIR/seeds"
if [ -f "$SEEDS/.complete" ] && [ "${1:-}" != "--force" ]; then exit 0; fi
[ "${SKIP_BUILD:-}" = 1 ] || build_harnesses
rm -rf "$SEEDS" "$ONETHING_FUZZ_PKI"
work="$FUZZ_DIR/seed-work"
rm -rf "$work"; mkdir -p "$work" "$SEEDS"

fuzz_log "project documents (onething demo, sign)"
quiet dotnet build "$ROOT/src/Cli/Cli.csproj" -c "$FUZZ_CONFIGURATION" -nologo -v quiet -o "$FUZZ_DIR/build/cli"
cli() { dotnet "$FUZZ_DIR/build/cli/onething.dll" "$@"; }
cli demo --out "$work/demo" >/dev/null
cp -r "$work/demo/pki" "$ONETHING_FUZZ_PKI"
cp "$work/demo/trust-anchors.pem" "$ONETHING_FUZZ_TRUST"
pdfs=(); mkdir -p "$SEEDS/pdf"
cp "$work/demo/DYGJJ-JK-2026-000123-KK.pdf" "$SEEDS/pdf/demo-sealed-b-lta.pdf"
cli sign --in "$ROOT/fuzz/edge-cases/pdf/signature-fields.pdf" --out "$SEEDS/pdf/small-signed-b-t.pdf" --field Borrower \
  --p12 "$ONETHING_FUZZ_PKI/keys/officer-DY-0001.p12" --password development --pki "$ONETHING_FUZZ_PKI" >/dev/null

fuzz_log "qpdf variants"
qpdf --object-streams=generate "$SEEDS/pdf/small-signed-b-t.pdf" "$SEEDS/pdf/qpdf-object-streams.pdf" || [ $? -eq 3 ]
qpdf --qdf --object-streams=disable "$ROOT/fuzz/edge-cases/pdf/signature-fields.pdf" "$SEEDS/pdf/qpdf-qdf.pdf" || [ $? -eq 3 ]
qpdf --linearize "$ROOT/fuzz/edge-cases/pdf/signature-fields.pdf" "$SEEDS/pdf/qpdf-linearized.pdf" || [ $? -eq 3 ]

fuzz_log "other producers: openssl CA, pdfsig signature, openssl ts/ocsp/cms"
ossl="$work/openssl"; mkdir -p "$ossl/nss"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ossl/ca.key" -out "$ossl/ca.pem" -days 30 \
  -subj "/CN=Fuzz Other Producer Root" -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ossl/signer.key" -out "$ossl/signer.csr" -subj "/CN=Fuzz Other Signer" 2>/dev/null
printf 'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n' >"$ossl/ext.cnf"
openssl x509 -req -in "$ossl/signer.csr" -CA "$ossl/ca.pem" -CAkey "$ossl/ca.key" -CAcreateserial -days 30 -extfile "$ossl/ext.cnf" -out "$ossl/signer.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$ossl/signer.key" -in "$ossl/signer.pem" -certfile "$ossl/ca.pem" -name signer -passout pass:pw -out "$ossl/signer.p12"
certutil -N -d "sql:$ossl/nss" --empty-password
pk12util -i "$ossl/signer.p12" -d "sql:$ossl/nss" -W pw >/dev/null
# Signing the existing empty field (not -add-signature, which embeds a megabyte font for its appearance).
# pdfsig may exit non-zero over NSS shutdown after writing the file: its output decides.
pdfsig -nssdir "sql:$ossl/nss" -sign LoanOfficer -nick signer -etsi \
  "$ROOT/fuzz/edge-cases/pdf/signature-fields.pdf" "$SEEDS/pdf/pdfsig-signed-etsi.pdf" >/dev/null 2>&1 || true
[ -s "$SEEDS/pdf/pdfsig-signed-etsi.pdf" ] || fuzz_log "pdfsig could not sign (seed left out)"
mkdir -p "$SEEDS/tsa-request" "$SEEDS/ocsp-request" "$SEEDS/cms"
head -c 1000 /dev/zero >"$work/data"
openssl ts -query -data "$work/data" -sha256 -cert -out "$SEEDS/tsa-request/openssl-sha256-cert.tsq"
openssl ts -query -data "$work/data" -sha384 -no_nonce -out "$SEEDS/tsa-request/openssl-sha384-no-nonce.tsq"
openssl ocsp -issuer "$ONETHING_FUZZ_PKI/certs/issuing-ca.pem" -serial 0x1234 -reqout "$SEEDS/ocsp-request/openssl-product-ca.der" -no_nonce >/dev/null
openssl ocsp -sha256 -issuer "$ossl/ca.pem" -cert "$ossl/signer.pem" -reqout "$SEEDS/ocsp-request/openssl-other-ca.der" >/dev/null
openssl cms -sign -binary -in "$work/data" -signer "$ossl/signer.pem" -inkey "$ossl/signer.key" -certfile "$ossl/ca.pem" \
  -outform DER -out "$SEEDS/cms/openssl-detached.der"
cp "$SEEDS/pdf/small-signed-b-t.pdf" "$work/sig.pdf"
(cd "$work" && pdfsig -dump sig.pdf >/dev/null 2>&1) || true
for s in "$work"/sig.pdf.sig*; do [ -f "$s" ] && cp "$s" "$SEEDS/cms/product-signature-${s##*.}.der"; done

fuzz_log "product-made protocol seeds, PNGs, intake bodies"
harness seeds "$SEEDS" "$ROOT/samples"

# The PDF seeds serve both PDF harnesses; the committed edge cases join every corpus.
mv "$SEEDS/pdf" "$SEEDS/pdf-reader"
cp -r "$SEEDS/pdf-reader" "$SEEDS/verify"
for dir in "$ROOT"/fuzz/edge-cases/*/; do
  kind=$(basename "$dir")
  case "$kind" in
    pdf) targets=(pdf-reader verify) ;;
    *) targets=("$kind") ;;
  esac
  for t in "${targets[@]}"; do mkdir -p "$SEEDS/$t"; cp "$dir"* "$SEEDS/$t/"; done
done
rm -rf "$work"
touch "$SEEDS/.complete"
for d in "$SEEDS"/*/; do fuzz_log "$(basename "$d"): $(ls "$d" | wc -l) seeds, $(du -sh "$d" | cut -f1)"; done
