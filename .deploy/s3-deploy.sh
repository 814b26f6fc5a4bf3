#!/usr/bin/env bash
# Build the site and upload public/ to an S3 bucket served by a CDN
# (CloudFront or another), with the right content types and cache headers.
#
#   .deploy/s3-deploy.sh s3://my-bucket https://careers.example.com/
#
# Needs the AWS CLI, configured (aws configure, or AWS_* variables). Pass
# --no-build to upload an existing public/. S3 does not read _headers: set
# the security headers in the CDN (CloudFront: a response headers policy
# with the values of public/_headers), and its error page to /404.html
# with status 404.
set -euo pipefail

build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
bucket=${1:?usage: s3-deploy.sh [--no-build] s3://bucket [base-url]}
base_url=${2:-}

cd "$(dirname "$0")/.."
if [ "$build" = 1 ]; then
  go run ./cmd/byline build --minify ${base_url:+--base-url "$base_url"}
fi

immutable="public, max-age=31536000, immutable"
revalidate="public, max-age=0, must-revalidate"
h='[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
fingerprinted=("*.$h.css" "*.$h.js")
include=(--exclude "*") exclude=()
for g in "${fingerprinted[@]}"; do include+=(--include "$g"); exclude+=(--exclude "$g"); done
# Not part of the site: host files, Byline's manifest and staging folder, a
# .git that a build keeps in public/, pre-compressed copies (S3 cannot choose
# between them by Accept-Encoding; let the CDN compress).
for g in _headers _redirects ".byline-*" ".git/*" "*.gz" "*.br"; do exclude+=(--exclude "$g"); done

# 1. Fingerprinted assets first, cached for a year, so that no page refers
#    to one not uploaded yet. Old ones stay for pages still in caches.
aws s3 sync public/ "$bucket" "${include[@]}" --cache-control "$immutable"
# 2. Everything else, HTML first of all, revalidated before each use; what
#    is no longer in public/ is deleted.
aws s3 sync public/ "$bucket" "${exclude[@]}" --cache-control "$revalidate" --delete
# 3. Serve the feeds as Atom, whatever the CLI guesses from ".xml".
aws s3 cp public/ "$bucket" --recursive --exclude "*" --include "*feed.xml" \
  --content-type "application/atom+xml; charset=utf-8" --cache-control "$revalidate" --metadata-directive REPLACE
