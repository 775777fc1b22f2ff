"""A newcomer on a phone: first-run set-up, then the plan and the menu."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_first_admin_sets_up_the_service_on_a_phone(app, live_server, phone, programme):
    phone.goto(f"{live_server}/login")
    expect(phone).to_have_url(f"{live_server}/setup")
    expect(phone.get_by_role("heading", name="İlkin quraşdırma")).to_be_visible()

    phone.get_by_label("Ad, soyad").fill("Səbinə Cəfərova")
    phone.get_by_label("E-poçt").fill("sebine@example.org")
    phone.get_by_label("Şifrə", exact=True).fill("short")
    phone.get_by_label("Şifrəni təkrar yazın").fill("short")
    phone.get_by_role("button", name="Administrator hesabını yarat").click()
    expect(phone.get_by_text("10 ilə 200 simvol arasında yazın.")).to_be_visible()
    expect(phone.get_by_label("Ad, soyad")).to_have_value("Səbinə Cəfərova")

    phone.get_by_label("Şifrə", exact=True).fill(PASSWORD)
    phone.get_by_label("Şifrəni təkrar yazın").fill(PASSWORD)
    phone.get_by_role("button", name="Administrator hesabını yarat").click()
    expect(phone.get_by_text("Xoş gəlmisiniz! Administrator hesabınız hazırdır.")).to_be_visible()
    expect(phone.locator('[data-kind="consultation"]')).to_have_text("0 / 24 məsləhət görüşü keçirilib")

    # the vendored Bootstrap script opens the collapsed menu on a small screen
    staff_link = phone.get_by_role("link", name="İşçi hesabları")
    expect(staff_link).to_be_hidden()
    phone.get_by_role("button", name="Menyu").click()
    expect(phone.locator("#nav.collapse.show")).to_be_visible()  # opened, not still sliding
    phone.get_by_role("button", name="Səbinə Cəfərova").click()  # the account's own menu
    expect(staff_link).to_be_visible()
    staff_link.click()
    expect(phone.get_by_role("cell", name="sebine@example.org")).to_be_visible()
    # nothing on the page is wider than the phone
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
