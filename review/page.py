"""Draws the review report: one self-contained HTML page (charts embedded as PNG images)
from ReviewFigures. Patient text is escaped by Jinja2's autoescaping."""

from __future__ import annotations

import base64
import io
from datetime import datetime
from pathlib import Path

import jinja2
import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from bot.contract import URGENCY_ADVICE_TOPIC  # noqa: E402
from bot.topics import topics  # noqa: E402
from review.figures import EMERGENCY_REPLIES, ReviewFigures  # noqa: E402

TEMPLATE = "report.html.j2"
HELPFUL_COLOUR, NOT_HELPFUL_COLOUR, BAR_COLOUR, LINE_COLOUR = "#2e7d32", "#c62828", "#1f5f8b", "#e07b00"


def topic_title(topic_id: str) -> str:
    """The title patients see on the topic's button; rated urgency advice and unknown IDs as such."""
    if topic_id == URGENCY_ADVICE_TOPIC:
        return "Urgency advice"
    topic = topics().get(topic_id)
    return topic.title if topic else topic_id


def png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _bar_chart_style(axes) -> None:
    axes.spines[["top", "right"]].set_visible(False)


def daily_chart(figures: ReviewFigures) -> str:
    """Conversations above, patient messages below, one bar per day."""
    days = list(figures.messages_per_day)
    figure, (conversations, messages) = plt.subplots(2, 1, figsize=(10, 4.2), sharex=True)
    for axes, counts, colour, title in [
        (conversations, figures.conversations_per_day, LINE_COLOUR, "conversations"),
        (messages, figures.messages_per_day, BAR_COLOUR, "patient messages"),
    ]:
        axes.bar(days, [counts[day] for day in days], color=colour)
        axes.set_title(title, loc="left", fontsize=10)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        _bar_chart_style(axes)
    locator = AutoDateLocator()
    messages.xaxis.set_major_locator(locator)
    messages.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    return png(figure)


def horizontal_bars(labels: list[str], values: list[int], colour: str = BAR_COLOUR) -> str:
    figure, axes = plt.subplots(figsize=(10, 0.9 + 0.38 * len(labels)))
    bars = axes.barh(labels[::-1], values[::-1], color=colour)
    axes.bar_label(bars, padding=3)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _bar_chart_style(axes)
    return png(figure)


def ratings_chart(rows: list[tuple[str, int, int]]) -> str:
    labels = [title for title, _, _ in rows][::-1]
    helpful = [count for _, count, _ in rows][::-1]
    not_helpful = [count for _, _, count in rows][::-1]
    figure, axes = plt.subplots(figsize=(10, 1.2 + 0.38 * len(rows)))
    axes.barh(labels, helpful, color=HELPFUL_COLOUR, label="helpful")
    axes.barh(labels, not_helpful, left=helpful, color=NOT_HELPFUL_COLOUR, label="not helpful")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(frameon=False, loc="lower right")
    _bar_chart_style(axes)
    return png(figure)


def rating_rows(figures: ReviewFigures) -> list[tuple[str, int, int]]:
    """(topic title, helpful, not helpful), the most rated first."""
    rows = [(topic_title(topic), counts["helpful"], counts["not_helpful"]) for topic, counts in figures.ratings.items()]
    return sorted(rows, key=lambda row: (-(row[1] + row[2]), row[0]))


def render(figures: ReviewFigures, store: str, generated: datetime) -> str:
    """The whole page; `store` says which conversation store was read (no secrets)."""
    questions = [(topic_title(topic), count) for topic, count in figures.questions_per_topic.most_common()]
    ratings = rating_rows(figures)
    charts = {}
    if not figures.empty:
        charts["daily"] = daily_chart(figures)
        if questions:
            charts["questions"] = horizontal_bars([t for t, _ in questions], [c for _, c in questions])
        if ratings:
            charts["ratings"] = ratings_chart(ratings)
        charts["urgency"] = horizontal_bars(
            list(figures.urgency_tiers), list(figures.urgency_tiers.values()), LINE_COLOUR
        )
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template(TEMPLATE).render(
        figures=figures,
        questions=questions,
        ratings=ratings,
        comments=[(comment, topic_title(comment.label)) for comment in figures.missing_comments],
        emergencies=[(label, figures.emergency_replies[response]) for response, label in EMERGENCY_REPLIES.items()],
        charts=charts,
        store=store,
        generated=generated,
    )
