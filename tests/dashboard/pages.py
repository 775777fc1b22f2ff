"""Reading the dashboard as a person would: its tables, target rows and highlighted figures."""

from __future__ import annotations

import lxml.html


def page_tree(response):
    assert response.status_code in (200, 400), response.status_code
    return lxml.html.fromstring(response.get_data(as_text=True))


def table_rows(tree, key: str) -> list[list[str]]:
    """The body rows of table ``table-<key>`` as lists of cell texts."""
    [table] = tree.xpath(f'//table[@id="table-{key}"]')
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
            for row in table.xpath("./tbody/tr")]


def table_dict(tree, key: str, column: int = 1) -> dict[str, str]:
    return {row[0]: row[column] for row in table_rows(tree, key) if len(row) > column}


def targets(tree) -> dict[str, str]:
    return {row.get("data-target"): " ".join(row.xpath('./td[contains(@class, "current")]')[0].text_content().split())
            for row in tree.xpath('//tr[@data-target]')}


def highlights(tree, section: str) -> dict[str, str]:
    cards = tree.xpath(f'//section[@id="section-{section}"]//div[contains(@class, "card-body")]')
    return {card.xpath("./div[1]")[0].text_content().strip(): card.xpath("./div[2]")[0].text_content().strip()
            for card in cards}
