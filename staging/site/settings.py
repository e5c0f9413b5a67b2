"""Site settings an administrator changes: the site's name and its `Policy`."""

from __future__ import annotations

from staging.errors import Refused
from staging.rules import Action, Policy
from staging.store.store import SETTING_POLICY, SETTING_SITE_NAME, Actor, Store


def save_site_settings(store: Store, actor: Actor, site_name: str, policy: Policy) -> None:
    """Both in one audited change, so the log shows the policy before and after."""
    name = site_name.strip()
    if not name:
        raise Refused("The site needs a name", "El sitio necesita un nombre")
    with store.write(actor, Action.MANAGE_SETTINGS) as work:
        work.put_setting(SETTING_SITE_NAME, name)
        work.put_setting(SETTING_POLICY, policy.to_json())
