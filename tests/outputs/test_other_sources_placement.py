"""Where the feedback platform and the second survey go when the agenda gives them no item: after
their host (the complaints, the survey), else before the questions — in the deck and the minutes
alike."""

from pipeline.core.meeting import AgendaItem, guest_sections
from pipeline.outputs.minutes.listening import closing_item


def test_a_guest_follows_its_host_or_comes_before_the_questions():
    assert guest_sections(["indicators", "survey", "complaints", "questions"]) == {
        "second_survey": "survey", "feedback": "complaints"}  # fmt: skip
    assert guest_sections(["indicators", "questions"]) == {"second_survey": "", "feedback": ""}
    # a section the agenda names is its own item, never a guest
    assert guest_sections(["survey", "second_survey", "feedback", "complaints"]) == {}


def test_the_minutes_put_the_guests_without_host_where_the_deck_does():
    def agenda(*sections):
        return tuple(AgendaItem(title=s, section=s) for s in sections)

    assert closing_item(agenda("indicators", "trainings", "questions")).section == "trainings"
    assert closing_item(agenda("indicators", "trainings")).section == "trainings"
    assert closing_item(agenda("questions", "indicators")).section == "indicators"
