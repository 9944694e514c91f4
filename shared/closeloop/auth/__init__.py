"""OAuth2 bearer tokens, verified statelessly by every service."""

from closeloop.auth.principal import AuthenticatedPrincipal, Authenticator, Principal, require_scopes
from closeloop.auth.tokens import ALL_SCOPES, mint_token

__all__ = ["ALL_SCOPES", "AuthenticatedPrincipal", "Authenticator", "Principal", "mint_token", "require_scopes"]
