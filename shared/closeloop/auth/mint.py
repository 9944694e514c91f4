"""``closeloop-token``: print a development bearer token (``make token SCOPES=... STORES=...``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from closeloop.auth.tokens import ALL_SCOPES, mint_token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scopes", default="", help="space-separated scopes; empty means every scope")
    parser.add_argument("--stores", default=None, help="space- or comma-separated store ids the token is limited to")
    parser.add_argument("--roles", default="", help="space-separated roles (staff supervisor manager admin)")
    parser.add_argument("--department", default=None)
    parser.add_argument("--subject", default="dev-user")
    parser.add_argument("--ttl", type=int, default=86400)
    parser.add_argument("--secret-file", default=".closeloop/jwt.secret")
    args = parser.parse_args()
    secret = os.environ.get("CLOSELOOP_JWT_SECRET") or Path(args.secret_file).read_text().strip()
    stores = args.stores.replace(",", " ").split() if args.stores else None
    print(
        mint_token(
            secret=secret,
            subject=args.subject,
            scopes=args.scopes.split() or ALL_SCOPES,
            roles=args.roles.split(),
            store_ids=stores,
            department=args.department,
            ttl_seconds=args.ttl,
        )
    )


if __name__ == "__main__":
    main()
