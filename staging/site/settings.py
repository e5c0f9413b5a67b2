"""Site settings an administrator changes: the site's name and its `Policy`."""

from __future__ import annotations

from staging.changes import Done
from staging.errors import Refused
from staging.rules import Action, Policy
from staging.store.store import SETTING_POLICY, SETTING_SITE_NAME, Actor, Store


def checked_site_name(site_name: str) -> str:
    """Every screen and printout names the site: an empty name is refused, not stored."""
    name = site_name.strip()
    if not name:
        raise Refused("The site needs a name", "El sitio necesita un nombre")
    return name


def save_site_settings(store: Store, actor: Actor, site_name: str, policy: Policy) -> Done[None]:
    """Both in one audited change, so the log shows the policy before and after."""
    name = checked_site_name(site_name)

    def save(work) -> None:
        work.put_setting(SETTING_SITE_NAME, name)
        work.put_setting(SETTING_POLICY, policy.to_json())

    return store.run(actor, Action.MANAGE_SETTINGS, save)


def site_name(store: Store) -> str:
    return store.setting(SETTING_SITE_NAME) or ""
