"""Render a :class:`CountryReport` as Markdown or as self-contained HTML."""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal

from armstrack.report.data import CountryReport, ReportDeal, Side, YearTotal
from armstrack.report.i18n import Formatter

__all__ = ["FORMATS", "render"]

FORMATS = ("md", "html")


def _N_(message: str) -> str:
    """Mark a message for the catalogues without translating it here."""
    return message


# Status words appear in tables; marked here so the catalogues carry them.
_STATUS_WORDS = (
    _N_("reported"),
    _N_("planned"),
    _N_("proposed"),
    _N_("approved"),
    _N_("signed"),
    _N_("delivered"),
    _N_("alleged"),
    _N_("considered"),
    _N_("cancelled"),
)
_SIDE_TITLES = {"buyer": _N_("As buyer"), "supplier": _N_("As supplier")}


def _deal_cells(fmt: Formatter, deal: ReportDeal) -> list[str]:
    _ = fmt.gettext
    systems = "; ".join(
        f"{line.quantity} × {line.name}" if line.quantity is not None else line.name
        for line in deal.lines
    ) or _("unspecified")
    value = fmt.money(deal.value.amount, deal.value.currency) if deal.value else ""
    usd = fmt.money(deal.value_usd, "USD") if deal.value_usd is not None else ""
    return [
        fmt.state(deal.supplier),
        fmt.state(deal.buyer),
        systems,
        value,
        usd,
        _(deal.status.value),
        fmt.date(deal.date),
    ]


def _labels(fmt: Formatter) -> dict[str, str]:
    _ = fmt.gettext
    return {
        "partners": _("Top partners"),
        "state": _("State"),
        "deals": _("Deals"),
        "by_year": _("Value by year"),
        "year": _("Year"),
        "sources": _("Sources"),
        "usd": _("Value in USD"),
    }


def _headers(fmt: Formatter) -> list[str]:
    _ = fmt.gettext
    return [
        _("Supplier"),
        _("Buyer"),
        _("Systems"),
        _("Value"),
        _("Value in USD"),
        _("Status"),
        _("Date"),
    ]


def _summary(fmt: Formatter, side: Side) -> list[str]:
    _ = fmt.gettext
    lines = [
        fmt.ngettext("%(n)s deal", "%(n)s deals", side.deals) % {"n": fmt.number(side.deals)},
        _("Total value: %(value)s") % {"value": fmt.money(side.value_usd, "USD")},
    ]
    if side.without_value:
        lines.append(_("Deals without a stated value: %(n)s") % {"n": side.without_value})
    if side.unconverted:
        lines.append(
            _("Deals whose currency has no USD rate (not in totals): %(n)s")
            % {"n": side.unconverted}
        )
    return lines


def _markdown_side(fmt: Formatter, role: str, side: Side) -> list[str]:
    _ = fmt.gettext
    w = _labels(fmt)
    out = [f"## {_(_SIDE_TITLES[role])}", ""]
    out += [f"- {line}" for line in _summary(fmt, side)]
    out.append("")
    if side.partners:
        out += [
            f"### {w['partners']}",
            "",
            f"| {w['state']} | {w['deals']} | {w['usd']} |",
            "|---|---:|---:|",
        ]
        out += [
            f"| {fmt.state(p.state)} | {fmt.number(p.deals)} | {fmt.money(p.value_usd, 'USD')} |"
            for p in side.partners
        ]
        out.append("")
    if side.years:
        out += [
            f"### {w['by_year']}",
            "",
            f"| {w['year']} | {w['deals']} | {w['usd']} |",
            "|---|---:|---:|",
        ]
        out += [
            f"| {y.year} | {fmt.number(y.deals)} | {fmt.money(y.value_usd, 'USD')} |"
            for y in side.years
        ]
        out.append("")
    if side.rows:
        out += [f"### {w['deals']}", "", "| " + " | ".join(_headers(fmt)) + " |", "|" + "---|" * 7]
        out += [
            "| " + " | ".join(c.replace("|", "/") for c in _deal_cells(fmt, d)) + " |"
            for d in side.rows
        ]
        out += ["", f"### {w['sources']}", ""]
        for deal in side.rows:
            for src in deal.sources:
                label = src.title or src.document_id
                link = f"[{label}]({src.url})" if src.url else label
                when = f" ({fmt.date(src.published)})" if src.published else ""
                out.append(f"- {link}{when}: “{src.quote}”")
        out.append("")
    return out


def render_markdown(report: CountryReport, fmt: Formatter) -> str:
    """Return the report as Markdown."""
    _ = fmt.gettext
    title = _("Arms transfers: %(state)s") % {"state": fmt.state(report.state)}
    out = [
        f"# {title}",
        "",
        _("Generated %(date)s by armstrack.") % {"date": fmt.date(report.generated)},
        "",
    ]
    out += _markdown_side(fmt, "buyer", report.as_buyer)
    out += _markdown_side(fmt, "supplier", report.as_supplier)
    return "\n".join(out).rstrip() + "\n"


def _svg_chart(fmt: Formatter, years: tuple[YearTotal, ...]) -> str:
    """A bar chart of value by year as inline SVG (no external assets)."""
    width, height, pad = 640, 220, 30
    top = max((y.value_usd for y in years), default=Decimal(0)) or Decimal(1)
    bar = (width - 2 * pad) / max(len(years), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{html.escape(_labels(fmt)["by_year"])}">'
    ]
    for i, y in enumerate(years):
        h = float(y.value_usd / top) * (height - 2 * pad)
        x = pad + i * bar
        label = html.escape(fmt.money(y.value_usd, "USD"))
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{height - pad - h:.1f}" width="{bar - 4:.1f}" '
            f'height="{h:.1f}" fill="#4a6fa5"><title>{y.year}: {label}</title></rect>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - pad + 14}" font-size="11" '
            f'text-anchor="middle">{y.year}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _html_side(fmt: Formatter, role: str, side: Side) -> list[str]:
    _ = fmt.gettext
    w = {k: html.escape(v) for k, v in _labels(fmt).items()}
    e = html.escape
    out = [f"<section><h2>{e(_(_SIDE_TITLES[role]))}</h2><ul>"]
    out += [f"<li>{e(line)}</li>" for line in _summary(fmt, side)]
    out.append("</ul>")
    if side.partners:
        out.append(
            f"<h3>{w['partners']}</h3><table><tr><th>{w['state']}</th>"
            f"<th>{w['deals']}</th><th>{w['usd']}</th></tr>"
        )
        out += [
            f"<tr><td>{e(fmt.state(p.state))}</td><td>{e(fmt.number(p.deals))}</td>"
            f"<td>{e(fmt.money(p.value_usd, 'USD'))}</td></tr>"
            for p in side.partners
        ]
        out.append("</table>")
    if side.years:
        out.append(f"<h3>{w['by_year']}</h3>{_svg_chart(fmt, side.years)}")
    if side.rows:
        out.append(
            f"<h3>{w['deals']}</h3><table><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in _headers(fmt))
            + "</tr>"
        )
        out += [
            "<tr>" + "".join(f"<td>{e(c)}</td>" for c in _deal_cells(fmt, d)) + "</tr>"
            for d in side.rows
        ]
        out.append(f"</table><h3>{w['sources']}</h3><ul>")
        for deal in side.rows:
            for src in deal.sources:
                label = e(src.title or src.document_id)
                link = f'<a href="{e(src.url)}">{label}</a>' if src.url else label
                when = f" ({e(fmt.date(src.published))})" if src.published else ""
                out.append(f"<li>{link}{when}: <q>{e(src.quote)}</q></li>")
        out.append("</ul>")
    out.append("</section>")
    return out


_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
    "padding:.3em .6em;text-align:left}q{font-style:italic}"
)


def render_html(report: CountryReport, fmt: Formatter) -> str:
    """Return the report as one self-contained HTML page (inline CSS and SVG)."""
    _ = fmt.gettext
    title = html.escape(_("Arms transfers: %(state)s") % {"state": fmt.state(report.state)})
    generated = _("Generated %(date)s by armstrack.") % {"date": fmt.date(report.generated)}
    out = [
        f'<!DOCTYPE html><html lang="{fmt.locale.language}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body><h1>{title}</h1>",
        f"<p>{html.escape(generated)}</p>",
    ]
    out += _html_side(fmt, "buyer", report.as_buyer)
    out += _html_side(fmt, "supplier", report.as_supplier)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


_RENDERERS: dict[str, Callable[[CountryReport, Formatter], str]] = {
    "md": render_markdown,
    "html": render_html,
}


def render(report: CountryReport, *, locale: str = "en", format: str = "md") -> str:
    """Render *report* in *format* (``md`` or ``html``) for *locale* (``en``, ``pl``, ...)."""
    if format not in _RENDERERS:
        raise ValueError(f"unknown report format {format!r}; choose one of {', '.join(FORMATS)}")
    return _RENDERERS[format](report, Formatter(locale))
