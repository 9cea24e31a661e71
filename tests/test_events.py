"""Events on small hand-written sentences: every PLOVER type, modality, negation, compound
actors, passive voice, relative clauses and reported speech (real model and lexicon)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from newsgraph import Event, Extraction, Extractor, Modality
from newsgraph.annotate.events.coder import without_repeats
from newsgraph.annotate.events.entries import complement_polarity
from newsgraph.annotate.frames import DocView
from newsgraph.learn.defaults import default_event_confidence
from newsgraph.models import Evidence

Run = Callable[..., Extraction]


def events_of(result: Extraction, kind: str) -> list[Event]:
    return [e for e in result.events if e.type == kind]


def first_of(result: Extraction, kind: str) -> Event:
    """The first event of a type, failing with what was found instead."""
    found = events_of(result, kind)
    assert found, [(e.type, e.trigger) for e in result.events]
    return found[0]


def names(result: Extraction, ids: tuple[str, ...]) -> set[str]:
    by_id = {e.id: e.name for e in result.entities}
    return {by_id[i] for i in ids}


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        ("Russia agreed with China on a new trade deal.", "AGREE", {"Russia"}, {"China"}),
        ("Pompeo met Lavrov in Helsinki on Monday.", "CONSULT", {"Mike Pompeo"}, {"Sergei Lavrov"}),
        ("France praised Germany for its leadership.", "SUPPORT", {"France"}, {"Germany"}),
        # a symmetric act of a compound subject: both are sources, and it is mutual
        (
            "Japan and India will cooperate on maritime security.",
            "COOPERATE",
            {"Japan", "India"},
            set(),
        ),
        ("Serbia eased restrictions on Montenegro.", "CONCEDE", {"Serbia"}, {"Montenegro"}),
        # an act with immediate material consequences, as the PLOVER codebook has it
        ("Israel released Palestinian prisoners.", "RETREAT", {"Israel"}, {"Palestine"}),
        ("Turkey sent humanitarian aid to Syria.", "AID", {"Turkey"}, {"Syria"}),
        ("Russia withdrew its troops from Georgia.", "RETREAT", {"Russia"}, set()),
        ("Ukraine urged Germany to deliver tanks.", "REQUEST", {"Ukraine"}, {"Germany"}),
        (
            "The United States accused Iran of attacking tankers.",
            "ACCUSE",
            {"United States"},
            {"Iran"},
        ),
        ("Cuba rejected the proposal from Brazil.", "REJECT", {"Cuba"}, set()),
        (
            "North Korea threatened Japan with missile strikes.",
            "THREATEN",
            {"North Korea"},
            {"Japan"},
        ),
        (
            "Thousands of Venezuelans protested against Maduro in Caracas.",
            "PROTEST",
            {"Venezuela"},
            {"Nicolás Maduro"},
        ),
        (
            "The European Union imposed sanctions on Russia.",
            "SANCTION",
            {"European Union"},
            {"Russia"},
        ),
        ("Russia deployed troops to Belarus.", "MOBILIZE", {"Russia"}, set()),
        ("Venezuela arrested two Colombian journalists.", "COERCE", {"Venezuela"}, {"Colombia"}),
        ("Israel bombed Hamas positions in Gaza.", "ASSAULT", {"Israel"}, {"Hamas"}),
    ],
)
def test_every_plover_type(
    run: Run, text: str, kind: str, source: set[str], target: set[str]
) -> None:
    result = run(text)
    event = first_of(result, kind)
    assert source <= names(result, event.source)
    assert target <= names(result, event.target)
    assert event.cameo.isdigit()
    assert result.document.text[event.evidence.start : event.evidence.end]


def test_passive_voice(run: Run) -> None:
    result = run("Ukraine was attacked by Russia on Tuesday.")
    (event,) = events_of(result, "ASSAULT")
    assert names(result, event.source) == {"Russia"} and names(result, event.target) == {"Ukraine"}


def test_they_is_the_unnamed_group_named_just_before(run: Run) -> None:
    # the subject "Police", not the object "protesters" nor no side at all
    result = run("Police arrested ten protesters in Lagos on Monday. They also seized weapons.")
    seized = next(e for e in result.events if e.trigger == "seized")
    assert seized.source == () and seized.source_agent is not None
    assert seized.source_agent.code == "COP"


def test_they_agrees_with_a_peoples_plural_before_a_singular_subject(run: Run) -> None:
    result = run("The newspaper La Prensa told the story of three Peruvians, who were arrested "
                 "at the airport in 2011. They were convicted of money laundering.")  # fmt: skip
    convicted = first_of(result, "SANCTION")
    assert names(result, convicted.target) == {"Peru"}


def test_a_bodys_description_points_back_to_the_last_body_of_its_agent(run: Run) -> None:
    result = run("FARC guerrillas kidnapped four workers of Emerald Energy in June. A month "
                 "later, the rebel group demanded a ransom from Emerald Energy. The company "
                 "rejected the demand.")  # fmt: skip
    assert names(result, first_of(result, "REQUEST").source) == {"FARC"}
    assert names(result, first_of(result, "REJECT").source) == {"Emerald Energy"}


def test_compound_actors(run: Run) -> None:
    result = run("Russia and China condemned the United States and Britain.")
    (event,) = events_of(result, "ACCUSE")
    assert names(result, event.source) == {"Russia", "China"}
    assert names(result, event.target) == {"United States", "United Kingdom"}


@pytest.mark.parametrize(
    "text",
    [
        # the small model reads this list as appositions of "US"
        "The US, Russia, and Switzerland met yesterday.",
        # ... and hangs "and Vladimir Putin" on "Obama" while "Barack" is the subject
        "Barack Obama and Vladimir Putin will meet in Zurich.",
    ],
)
def test_compound_subjects_the_parser_splits_still_count(run: Run, text: str) -> None:
    result = run(text)
    (event,) = events_of(result, "CONSULT")
    named = names(result, event.source) | names(result, event.target)
    expected = {"Barack Obama", "Vladimir Putin"} if "Obama" in text else {
        "United States", "Russia", "Switzerland"
    }  # fmt: skip
    assert named == expected and event.mutual


def test_relative_clause(run: Run) -> None:
    result = run("Hezbollah, which attacked Israel last year, denied the report.")
    (event,) = events_of(result, "ASSAULT")
    assert names(result, event.source) == {"Hezbollah"} and names(result, event.target) == {
        "Israel"
    }


@pytest.mark.parametrize(
    "text",
    [
        "The mayor resigned after sexual assault allegations.",
        "The mayor answered allegations of sexual assault on Monday.",
    ],
)
def test_an_act_an_allegation_names_is_alleged(run: Run, text: str) -> None:
    (event,) = events_of(run(text), "ASSAULT")
    assert event.modality == "alleged"


@pytest.mark.parametrize(
    "text",
    [
        "Neither Carlos Ruiz nor Ramon Diaz has been charged with any crime in Honduras.",
        "None of the suspects were charged with any crime in Honduras.",
        "Nobody has been charged with the killing in Honduras.",
    ],
)
def test_a_subject_that_says_no_one_did_it_negates_the_event(run: Run, text: str) -> None:
    (event,) = events_of(run(text), "ACCUSE")
    assert event.negated


def test_reported_speech_is_attributed(run: Run) -> None:
    result = run("Lavrov said that Ukraine had attacked Russia.")
    (event,) = events_of(result, "ASSAULT")
    assert event.modality == "reported"
    assert names(result, (event.attributed_to or "",)) == {"Sergei Lavrov"}
    assert names(result, event.source) == {"Ukraine"}


@pytest.mark.parametrize(
    ("text", "modality", "negated"),
    [
        ("Russia attacked Ukraine.", "asserted", False),
        ("Russia did not attack Ukraine.", "asserted", True),
        ("Russia will attack Ukraine.", "planned", False),
        ("Russia plans to attack Ukraine.", "planned", False),
        ("Russia may attack Ukraine.", "hypothetical", False),
        ("Russia threatened to attack Ukraine.", "threatened", False),
        ("Russia denied attacking Ukraine.", "denied", False),
        ("Russia allegedly attacked Ukraine.", "alleged", False),
        ("Moscow urged Russia to attack Ukraine.", "hypothetical", False),
        ("Belarus wants Russia to attack Ukraine.", "hypothetical", False),
        ("Russia was asked to attack Ukraine.", "hypothetical", False),
    ],
)
def test_modality_and_negation(run: Run, text: str, modality: str, negated: bool) -> None:
    (event,) = [e for e in run(text).events if e.trigger.startswith("attack")]
    assert (event.modality.value, event.negated) == (modality, negated)
    # PLOVER codes an intention to attack as THREATEN; CAMEO as 138
    intends = modality in {"threatened"} or "plans" in text
    assert (event.type, event.cameo[:2]) == (("THREATEN", "13") if intends else ("ASSAULT", "19"))


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # an act the speaker does by saying it is theirs, asserted (stop 35)
        ('"I urge my colleagues to pass the bill," Senator Cruz said.', "asserted"),
        ('"We strongly urge Iran to free the sailors," the minister said.', "asserted"),
        ('"Today, I am asking all Americans to vote," Sanders said.', "asserted"),
        # a past act, or someone else's, is told: reported
        ('"I urged him to resign," Senator Cruz said.', "reported"),
        ('"They urge us to resign," Senator Cruz said.', "reported"),
    ],
)
def test_an_act_done_by_saying_it_is_asserted(run: Run, text: str, modality: str) -> None:
    (urging,) = events_of(run(text), "REQUEST")
    assert urging.modality.value == modality


def test_a_refusal_to_cooperate_is_cameo_reject(run: Run) -> None:
    (refused,) = events_of(run("Obama said he would not provide aid to Israel."), "AID")
    assert refused.negated and refused.cameo == "120"
    # the negation of a governing verb is not the helper's refusal
    result = run("Obama would not give permission to Russia to help Israel.")
    (blocked,) = events_of(result, "AID")
    assert blocked.negated and blocked.cameo.startswith("07")
    (attack,) = events_of(run("Russia did not attack Ukraine."), "ASSAULT")
    assert attack.cameo.startswith("19")


def test_nominal_event_between(run: Run) -> None:
    result = run("The conversation between Pompeo and Lavrov lasted an hour.")
    (event,) = events_of(result, "CONSULT")
    assert names(result, event.source + event.target) == {"Mike Pompeo", "Sergei Lavrov"}


def test_date_from_sentence_then_citation(run: Run) -> None:
    result = run(
        "On May 1, Russia attacked Ukraine. Then Russia attacked Georgia (TASS, April 28)."
    )
    first, second = events_of(result, "ASSAULT")
    assert (first.date, first.date_basis) == ("2019-05-01", "sentence")
    assert (second.date, second.date_basis, second.citation) == ("2019-04-28", "citation", "c1")


def test_an_era_in_a_nested_clause_does_not_date_the_event(run: Run) -> None:
    text = (
        "Bolsonaro opposed Macron's statement: \"The suggestion evokes a mentality that is out of"
        ' place in the 21st century."'
    )
    (event,) = [e for e in run(text).events if e.type == "REJECT"]
    assert event.date is None
    (older,) = run("In the 1980s, the Soviet Union invaded Afghanistan.").events
    assert older.date == "1980s"


def test_the_date_nearest_the_trigger_in_the_parse_dates_the_event(run: Run) -> None:
    # "the 2018 election" dates the election; "on Monday" dates the arrests
    result = run("After the 2018 election, police arrested ten protesters on Monday.")
    assert first_of(result, "COERCE").date == "2019-04-29"


def test_a_date_outside_the_relative_clause_of_an_event_does_not_date_it(run: Run) -> None:
    # the treaty was agreed before; "last year" dates the withdrawal
    result = run(
        "Last year Trump withdrew the US from the treaty, which had been agreed under Obama."
    )
    assert all(e.date is None for e in result.events if e.trigger == "agreed")


def test_a_year_naming_another_thing_does_not_date_the_event(run: Run) -> None:
    # "the 2020 election" says when the election is, not when he asked
    result = run("Trump asked Xi Jinping for help in the 2020 election.")
    assert first_of(result, "REQUEST").date is None
    (older,) = run("Iraq condemned the 1991 invasion by the United States.").events
    assert older.date is None  # the invasion's year, not the condemnation's
    (own,) = run("The 1991 invasion of Kuwait by Iraq killed thousands.").events
    assert own.date == "1991"  # the trigger's own year
    endorsed = run(
        "Senator Elizabeth Warren announced yesterday she was endorsing Joe Biden for this "
        "year's presidential election.", published="2020-04-16")  # fmt: skip
    assert first_of(endorsed, "SUPPORT").date == "2020-04-15"  # not the election's year


def test_a_date_in_a_relative_clause_on_another_word_dates_that_clause(run: Run) -> None:
    result = run("President Trump, who appointed Murphy to her post in 2017, criticised her.")
    assert first_of(result, "ACCUSE").date is None  # 2017 is when he appointed her


def test_the_finer_of_two_dates_for_the_same_time_dates_the_event(run: Run) -> None:
    result = run("Governor Ricardo Rosselló said he is to leave office next month on August 2.",
                 published="2019-07-28")  # fmt: skip
    assert first_of(result, "RETREAT").date == "2019-08-02"  # not all of August


@pytest.mark.parametrize(
    ("text", "kind", "cameo"),
    [
        # CAMEO codes a stated intention, not the act: 03 for cooperation, 13 for force
        # ... and PLOVER as AGREE ("indicate willingness to cooperate") and THREATEN
        ("Brazil and Chile are seeking to deepen their partnership.", "AGREE", "031"),
        ("Israel announced it would free Palestinian prisoners.", "AGREE", "035"),
        # a leader speaks for the state: its future act is its stated intention
        (
            "Portugal will support Turkey's bid, Portuguese President Mario Soares said.",
            "AGREE",
            "032",
        ),
        # ... an official announcing someone's schedule does not state an intention
        ("The US government announced that Pompeo would speak with Lavrov.", "CONSULT", "040"),
        ("Obama wants to attack Switzerland.", "THREATEN", "138"),
        ("Russia threatened to impose sanctions on Ukraine.", "THREATEN", "1312"),
        # a plain future or a schedule is still the act itself
        ("The United States will supply arms to Israel.", "AID", "070"),
        # a promise of something hostile to a third party is not a threat against it
        ("Qatar has pledged to expel leaders of Egypt's Muslim Brotherhood.", "COERCE", "174"),
    ],
)
def test_intentions_take_cameo_intent_and_threat_codes(
    run: Run, text: str, kind: str, cameo: str
) -> None:
    result = run(text)
    # the act intended or threatened (a promise, "pledged", is an AGREE event of its own)
    (event,) = [e for e in result.events if e.trigger not in {"threatened", "pledged"}]
    assert (event.type, event.cameo) == (kind, cameo)


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("The US said that Iraq had attacked Kuwait.", "United States", "Iraq"),
        ("Israel said a mortar bomb was fired at it from the Gaza Strip.", "Israel", "Gaza Strip"),
        (
            "The US claimed that the Islamic State had attacked Iraq.",
            "United States",
            "Islamic State",
        ),
    ],
)
def test_a_party_reporting_anothers_violence_accuses_it(
    run: Run, text: str, accuser: str, accused: str
) -> None:
    result = run(text)
    (accusation,) = events_of(result, "ACCUSE")
    assert names(result, accusation.source) == {accuser}
    assert names(result, accusation.target) == {accused}
    assert accusation.cameo == "112" and accusation.modality == "asserted"
    (attack,) = events_of(result, "ASSAULT")  # the reported attack stays, as reported
    assert attack.modality in {"reported", "alleged"}


@pytest.mark.parametrize(
    "text",
    [
        # an outlet's report, or a party reporting its own side's acts, accuses no one
        "Syrian state media reported that Turkey attacked Kurdish fighters.",
        "The United States launched an air strike on Syria, the U.S. Central Command said.",
    ],
)
def test_no_accusation_from_outlets_or_own_side(run: Run, text: str) -> None:
    assert not events_of(run(text), "ACCUSE")


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        # the event noun says what happened, the verb only that they took part
        (
            "Syrian rebels engaged Filipino peacekeepers in a firefight.",
            "ASSAULT",
            {"Syria"},
            {"Philippines"},
        ),
        # the phrase the light verb's object needs is often hung on the verb
        (
            "A court in Guyana issued arrest warrants for two Brazilian men.",
            "COERCE",
            {"Guyana"},
            {"Brazil"},
        ),
        # a passive whose subject is the act: the target is in the act's phrase
        (
            "Evidence against Russia was presented by the US.",
            "ACCUSE",
            {"United States"},
            {"Russia"},
        ),
        (
            "The United States fired anti-aircraft batteries at Russia.",
            "ASSAULT",
            {"United States"},
            {"Russia"},
        ),
        # people "from" a country, and documents speaking for whoever published them
        ("The USA helped dissidents from Egypt.", "AID", {"United States"}, {"Egypt"}),
        (
            "A report released in the Rwandan capital alleged that France armed the militias.",
            "ACCUSE",
            {"Rwanda"},
            {"France"},
        ),
        (
            "Obama wants Putin to attack Switzerland.",
            "REQUEST",
            {"Barack Obama"},
            {"Vladimir Putin"},
        ),
        ("Obama faces pressure from Congress.", "REQUEST", {"Congress"}, {"Barack Obama"}),
    ],
)
def test_actors_in_phrases_the_parser_hangs_elsewhere(
    run: Run, text: str, kind: str, source: set[str], target: set[str]
) -> None:
    result = run(text)
    event = first_of(result, kind)
    assert names(result, event.source) == source
    assert names(result, event.target) == target


def test_engaging_in_a_firefight_is_not_mutual(run: Run) -> None:
    (event,) = events_of(run("Syrian rebels engaged Filipino peacekeepers in a firefight."),
                         "ASSAULT")  # fmt: skip
    assert not event.mutual and event.trigger == "engaged"


def test_stance_prefixes_are_not_affiliation(run: Run) -> None:
    result = run("Pro-Russian separatists attacked Ukrainian troops.")
    (event,) = events_of(result, "ASSAULT")
    assert "Russia" not in names(result, event.source)


def test_publishing_a_report_is_not_releasing_prisoners(run: Run) -> None:
    result = run(
        "The ministry released a report on Tuesday. Israel released Palestinian prisoners."
    )
    (release,) = events_of(result, "RETREAT")
    assert release.trigger == "released" and release.evidence.sentence == 1


def test_requested_acts_did_not_happen(run: Run) -> None:
    result = run("Obama is being pressured by Congress to help Iran.")
    (aid,) = events_of(result, "AID")
    assert aid.modality == "hypothetical"


def test_refusing_permission_is_a_refusal(run: Run) -> None:
    result = run("Obama said he would not give permission to Russia to help Israel.")
    (concession,) = events_of(result, "CONCEDE")
    assert concession.negated and concession.cameo == "120"
    assert names(result, concession.target) == {"Russia"}


def test_venue_and_purpose_share_the_place(run: Run) -> None:
    result = run("Barack Obama and Vladimir Putin will meet in Zurich to discuss trade.")
    places = {e.id: e for e in result.entities}
    located = [places[e.location] for e in result.events if e.location]
    assert len(located) == 2 and {p.country for p in located} == {"CHE"}
    venue = run("The US president prepared to attend the Beijing Olympics.")
    (event,) = events_of(venue, "CONSULT")
    assert {e.country for e in venue.entities if e.id == event.location} == {"CHN"}


def agent_code(event: Event, side: str) -> str | None:
    found = event.source_agent if side == "source" else event.target_agent
    return found.code if found else None


@pytest.mark.parametrize(
    ("text", "kind", "source", "source_agent", "target", "target_agent"),
    [
        # a side named only by what it is keeps that, with no entity
        ("Insurgents bombarded Aleppo overnight.", "ASSAULT", set(), "REB", set(), None),
        (
            "The civilians imprisoned for acting against Moscow were released by Putin.",
            "RETREAT",
            {"Vladimir Putin"},
            None,
            set(),
            "CVL",
        ),
        # a named side keeps its entity and gains what kind of actor it is (GDELT's SYRREB)
        ("Syrian rebels attacked government forces.", "ASSAULT", {"Syria"}, "REB", set(), "MIL"),
        # the modifier and the noun together before the noun alone: "security forces"
        ("Security forces arrested dozens of protesters.", "COERCE", set(), "COP", set(), "OPP"),
        # the small model reads a plural opening the sentence as a name ("Rebels": NNPS)
        ("Rebels attacked the town.", "ASSAULT", set(), "REB", set(), None),
        # plain people arrested, charged or convicted are the suspects (lexicon `accused`)
        ("Authorities arrested ten people.", "COERCE", set(), "GOV", set(), "CRM"),
        ("Police arrested a 66-year-old man on Saturday.", "COERCE", set(), "COP", set(), "CRM"),
        # ... unless the sentence tells of a protest: then they are protesters (guideline v10)
        (
            "Police arrested forty people at the protest on Saturday.",
            "COERCE",
            set(),
            "COP",
            set(),
            "OPP",
        ),
        # kinds of people the guideline codes (#16, stop 35): voters are ordinary people,
        # attackers criminals, experts elites without a post
        ("The senator urged voters to stay home.", "REQUEST", set(), "LEG", set(), "CVL"),
        ("Police arrested the attackers on Monday.", "COERCE", set(), "COP", set(), "CRM"),
        # local and regional officials (#16, stop 59)
        ("The mayors called on the government to act.", "REQUEST", set(), "GOV", set(), "GOV"),
        ("The governors met with the president on Monday.", "CONSULT", set(), "GOV", set(), None),
    ],
)
def test_unnamed_sides_keep_their_agent(
    run: Run,
    text: str,
    kind: str,
    source: set[str],
    source_agent: str | None,
    target: set[str],
    target_agent: str | None,
) -> None:
    result = run(text)
    event = first_of(result, kind)
    assert names(result, event.source) == source
    assert names(result, event.target) == target
    assert (agent_code(event, "source"), agent_code(event, "target")) == (
        source_agent,
        target_agent,
    )


def test_a_reduced_relative_is_undergone_not_done(run: Run) -> None:
    # the parser makes "imprisoned" the main verb and "civilians" its subject
    result = run("The civilians imprisoned for acting against Moscow were released by Putin.")
    imprisoned = first_of(result, "COERCE")
    assert agent_code(imprisoned, "source") is None and agent_code(imprisoned, "target") == "CVL"
    assert imprisoned.source == ()  # Putin released them; who jailed them is not said


def test_accusing_unnamed_doers(run: Run) -> None:
    result = run(
        "The Syrian Observatory for Human Rights said eight people were killed in an air "
        "strike by government forces."
    )
    (accusation,) = events_of(result, "ACCUSE")
    assert accusation.target == () and agent_code(accusation, "target") == "MIL"
    assert {e.country for e in result.entities if e.id in accusation.source} == {"SYR"}


def test_mishaps_are_not_assaults(run: Run) -> None:
    result = run("Interpol will help identify victims killed by the Malaysia Airlines crash.")
    assert events_of(result, "ASSAULT") == []


@pytest.mark.parametrize(
    "text",
    [
        "The coronavirus killed 50 people in the city on Monday.",
        "Officials said Covid-19 had killed 300 people in the province.",
        "Cholera killed dozens of villagers last month.",
    ],
)
def test_a_named_illness_that_kills_is_no_assault(run: Run, text: str) -> None:
    """(#16, stop 58) Like "cancer" and "the virus" (`not_actors`)."""
    assert events_of(run(text), "ASSAULT") == []


@pytest.mark.parametrize(
    ("text", "source", "cameo", "location"),
    [
        # the attack noun names the doer and the means; one event, not a killing and a strike
        ("Four children were killed in an Israeli airstrike in Gaza.", {"Israel"}, "195", "Gaza"),
        # the parser reads "shelling" as a verb and "Israeli tank" as the object of "in"
        ("Four children were killed in Israeli tank shelling in Gaza.", {"Israel"}, "194", "Gaza"),
    ],
)
def test_killed_in_an_attack(
    run: Run, text: str, source: set[str], cameo: str, location: str
) -> None:
    result = run(text)
    (attack,) = events_of(result, "ASSAULT")
    assert names(result, attack.source) == source and attack.trigger == "killed"
    assert agent_code(attack, "target") == "CVL" and attack.cameo == cameo
    assert names(result, (attack.location,) if attack.location else ()) == {location}


@pytest.mark.parametrize(
    "text",
    ["Two soldiers died in Russian artillery shelling.", "Two soldiers died in a Russian strike."],
)
def test_died_in_an_attack(run: Run, text: str) -> None:
    # the dead are the attack's victims, not its doers
    attack = first_of(run(text), "ASSAULT")
    assert agent_code(attack, "target") == "MIL"
    assert {e.country for e in run(text).entities if e.id in attack.source} == {"RUS"}


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Trump called on Fox News to fire Griffin.", "fire", "hypothetical"),
        ("Protesters called for Rosselló's resignation.", "resignation", "hypothetical"),
        ("German firms have announced plans to pull out of Iran.", "pull", "planned"),
        ("Nkurunziza was due to stand down in August.", "stand", "planned"),
        ("His campaign called for CNN to fire Lockhart.", "fire", "hypothetical"),
        ("Trump is to face trial in the Senate.", "trial", "planned"),
        ("The impeachment trial of Trump is scheduled for January.", "trial", "planned"),
        ("Turkey is considering an attack on Syria.", "attack", "hypothetical"),
        # a chance, not a plan
        ("There is a risk that Russia will attack Ukraine.", "attack", "hypothetical"),
        ("It is unlikely that Iran will meet with the United States.", "meet", "hypothetical"),
        ("Analysts warned of the risk of an attack on Taiwan.", "attack", "hypothetical"),
        ("The opposition promised protests every week.", "protests", "planned"),
        ("Rebels planned an attack on the capital.", "attack", "planned"),
        ("The ministry must approve the deal before June.", "approve", "hypothetical"),
        ("The court has to approve the deal.", "approve", "hypothetical"),
        ("We would like to thank Germany for its support.", "thank", "asserted"),  # a courtesy
        ("Trump has yet to concede the election.", "concede", "asserted"),
        (
            "Zelensky declined Prime Minister Oleksiy Honcharuk's offer to resign.",
            "resign",
            "hypothetical",
        ),
    ],
)
def test_acts_asked_for_or_planned_are_not_asserted(
    run: Run, text: str, trigger: str, modality: str
) -> None:
    (event,) = [e for e in run(text).events if e.trigger == trigger]
    assert event.modality.value == modality


@pytest.mark.parametrize(
    "text",
    [
        "She asked me about my story.",
        "He asked Putin if he could visit Moscow.",
        "Tseng runs a firm called eTranslate.",
        "Fox News commentator Ari Fleischer called it a mess.",
    ],
)
def test_questions_and_names_are_no_requests(run: Run, text: str) -> None:
    assert not events_of(run(text), "REQUEST")


@pytest.mark.parametrize(
    "text",
    ["With Wikinews, Collins discusses his campaign.", "Wikinews spoke with Collins by email."],
)
def test_an_interview_is_no_meeting(run: Run, text: str) -> None:
    assert not events_of(run(text), "CONSULT")
    assert first_of(run("Pompeo discussed Venezuela with Lavrov."), "CONSULT")


def test_requests_still_found(run: Run) -> None:
    assert first_of(run("Germany called on Russia to withdraw its troops."), "REQUEST")
    assert first_of(run("Protesters called for his resignation."), "REQUEST")
    assert first_of(run("Ukraine asked NATO for weapons."), "REQUEST")


@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        ("The Prohibition Party met in Tennessee. In August, the party nominated Phil Collins "
         "for president.", "SUPPORT", "Prohibition Party"),
        ("President Donald Trump arrived in Tokyo on Monday. The president criticized Iran for "
         "the attack.", "ACCUSE", "Donald Trump"),
    ],
)  # fmt: skip
def test_a_definite_description_points_back_to_its_actor(
    run: Run, text: str, kind: str, source: str
) -> None:
    result = run(text)
    assert names(result, first_of(result, kind).source) == {source}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("After Navalny's release from prison, he spoke.", set(), {"Alexei Navalny"}),
        ("Russia's arrest of Navalny was condemned.", {"Russia"}, {"Alexei Navalny"}),
        ("Iran's release of the sailors was welcomed.", {"Iran"}, set()),
    ],
)
def test_the_owner_of_an_arrest_or_release_is_who_it_happens_to(
    run: Run, text: str, source: set[str], target: set[str]
) -> None:
    result = run(text)
    event = next(e for e in result.events if e.trigger in {"release", "arrest"})
    assert (names(result, event.source), names(result, event.target)) == (source, target)


def test_an_attack_for_a_reason_is_criticism(run: Run) -> None:
    assert first_of(run("Biden attacked Trump for the tweet."), "ACCUSE").cameo == "111"
    assert first_of(run("Rebels attacked the town on Monday."), "ASSAULT")


def test_agreeing_with_a_view_is_support_and_agreeing_to_act_is_agree(run: Run) -> None:
    # "on Monday" is a preposition of time, not the terms agreed on
    agreed = first_of(run("Carroll agreed with La Riva on Monday."), "SUPPORT")
    assert agreed.cameo == "051"
    assert first_of(run("On Monday, Serbia agreed with Kosovo to open economic ties."), "AGREE")
    assert first_of(run("Turkey agreed with Libya on a maritime border."), "AGREE")


def test_an_attack_claimed_is_reported_by_its_claimant(run: Run) -> None:
    result = run("The Islamic State claimed responsibility for the attacks in Kabul.")
    (attack,) = [e for e in result.events if e.trigger == "attacks"]
    assert attack.modality == "reported"
    assert names(result, (attack.attributed_to or "",)) == {"Islamic State"}


def test_an_event_inside_a_direct_quote_is_reported_by_its_speaker(run: Run) -> None:
    result = run('McGurk wrote, "The rebels attacked the town of Raqqa."')
    (event,) = events_of(result, "ASSAULT")
    assert event.modality == "reported"
    assert names(result, (event.attributed_to or "",)) == {"McGurk"}


def test_a_purpose_shares_its_acts_modality(run: Run) -> None:
    helping = first_of(run("Russia will send a team to help Venezuela."), "AID")
    assert helping.modality == Modality.PLANNED
    # a party's own announced purpose is an intention to aid (CAMEO 033), as "announced it
    # would free" is; the parser reads this "help" as an auxiliary of "identify"
    result = run("Interpol has said it will send a team to help identify victims.")
    intent = first_of(result, "AGREE")
    assert (intent.trigger, intent.cameo, intent.modality) == ("help", "033", Modality.PLANNED)
    assert names(result, intent.source) == {"Interpol"}


def test_opponents_of_a_states_institution(run: Run) -> None:
    result = run("Opponents of Rwanda's Senate protested yesterday.")
    protest = first_of(result, "PROTEST")
    # Rwanda's opposition (GDELT's RWAOPP), protesting against the Senate
    assert names(result, protest.source) == {"Rwanda"} and agent_code(protest, "source") == "OPP"
    assert names(result, protest.target) == {"Senate"}


def test_property_destroyed_by_protesters_is_a_riot(run: Run) -> None:
    result = run("The Russian building was demolished by a Ukrainian protestor.")
    riot = first_of(result, "PROTEST")
    assert (riot.mode, riot.cameo) == ("riot", "145")
    assert names(result, riot.source) == {"Ukraine"} and names(result, riot.target) == {"Russia"}
    # their armed attacks stay attacks
    assert events_of(run("Georgian demonstrators launched missiles at the government."),
                     "ASSAULT")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kind", "cameo", "source", "target"),
    [
        # a prepositional verb's object selects the entry: a travel advisory
        (
            "The US State department has advised against travel to Tunisia.",
            "SANCTION",
            "160",
            {"United States"},
            {"Tunisia"},
        ),
        # installations stand for the state they are in
        (
            "United Nations inspectors want to inspect the refineries in Iran.",
            "ACCUSE",
            "090",
            {"United Nations"},
            {"Iran"},
        ),
    ],
)
def test_prepositional_objects_and_installations(
    run: Run, text: str, kind: str, cameo: str, source: set[str], target: set[str]
) -> None:
    result = run(text)
    event = first_of(result, kind)
    assert event.cameo == cameo
    assert names(result, event.source) == source and names(result, event.target) == target


def test_a_munitions_firer_is_the_doer(run: Run) -> None:
    result = run(
        "The Malaysia Airlines flight was blown up by a missile believed to be fired by "
        "pro-Russia rebels."
    )
    attack = first_of(result, "ASSAULT")
    # the firer, not the missile's maker; and a missile is military force (CAMEO 19), not 18
    assert attack.source == () and agent_code(attack, "source") == "REB"
    assert attack.cameo == "190"
    assert {e.country for e in result.entities if e.id in attack.target} == {"MYS"}


def test_a_state_name_inside_an_organisation_name(run: Run) -> None:
    result = run("Malaysia Airlines said the Bank of Russia froze its accounts.")
    kinds = {e.name: (e.type, e.country) for e in result.entities}
    assert kinds["Malaysia Airlines"] == ("organization", "MYS")
    # the gazetteer's central bank, named by its alias here
    assert kinds["Central Bank of Russia"] == ("organization", "RUS")
    assert "Malaysia" not in kinds


def test_they_after_a_compound_subject_is_all_of_it(run: Run) -> None:
    result = run("Russia and China said they would veto the resolution.")
    veto = first_of(result, "REJECT")
    assert names(result, veto.source) == {"Russia", "China"}


def test_announcing_ones_own_attack_is_a_threat(run: Run) -> None:
    result = run("Obama and Putin said they will attack Iraq.")
    threat = first_of(result, "THREATEN")
    assert threat.cameo == "138" and threat.trigger == "attack"
    assert names(result, threat.source) == {"Barack Obama", "Vladimir Putin"}
    assert names(result, threat.target) == {"Iraq"}


@pytest.mark.parametrize(
    ("text", "kind", "cameo", "mode"),
    [
        # a two-word entry wins over the noun's own: a hunger strike is no attack
        ("Algerian landowners began a hunger strike outside Parliament.", "PROTEST", "142",
         "hunger"),
        ("Syrian dissidents staged a hunger strike.", "PROTEST", "142", "hunger"),
        ("Seven opposition parties in Nepal organized a general strike.", "PROTEST", "143",
         "strike"),
        # a strike by workers or teachers is a labour strike
        ("A strike by Chilean teachers closed schools.", "PROTEST", "143", "strike"),
        ("Young Algerians blocked roads leading to the city centre.", "PROTEST", "144",
         "obstruct"),
        ("The US launched an air strike against Iraq.", "ASSAULT", "195", "aerial"),
    ],
)  # fmt: skip
def test_strikes_and_blockades(run: Run, text: str, kind: str, cameo: str, mode: str) -> None:
    result = run(text)
    event = first_of(result, kind)
    assert (event.cameo, event.mode) == (cameo, mode)
    assert event.source  # the strikers' or blockers' country


@pytest.mark.parametrize(
    "text",
    [
        "Typhoon Hagibis struck Japan on Saturday, killing 40 people.",
        "The earthquake killed 40 people in Albania.",
        "Hurricane Dorian hit the Bahamas.",
        "She was involved in a traffic collision which killed motorcyclist Harry Dunn.",
        # the victims of a passive verb, and those joined to them, suffered in a non-actor
        "Fourteen passengers were injured in the crash.",
        "Three villagers were killed in the landslide and 40 were injured.",
    ],
)
def test_natural_disasters_are_not_events(run: Run, text: str) -> None:
    # the lexicon's not_actors: what a typhoon or an earthquake "does" is not an event
    assert run(text).events == ()


def test_a_weapons_fire_is_not_a_natural_hazard(run: Run) -> None:
    (attack,) = events_of(run("Israeli fire killed two Palestinians in Gaza on Friday."), "ASSAULT")
    assert attack.source


@pytest.mark.parametrize(
    "text",
    [
        "In the latest poll, Joe Biden leads Donald Trump by six points.",
        "A large portion of the Venezuelan populace recognises Juan Guaidó as interim president.",
        "Venezuelan students support Juan Guaidó.",
    ],
)
def test_alignments_a_sentence_does_not_state(run: Run, text: str) -> None:
    # one leads a party or a country, not a person; a state's people are not the state
    assert run(text).relations == ()


def test_a_state_institution_still_aligns_the_state(run: Run) -> None:
    result = run("The Venezuelan government recognises Juan Guaidó as interim president.")
    names = {e.id: e.name for e in result.entities}
    assert [(names[r.subject], r.relation, names[r.object]) for r in result.relations] == [
        ("Venezuela", "recognizes", "Juan Guaidó")
    ]


def test_an_act_inside_a_condition_is_hypothetical(run: Run) -> None:
    result = run("The defences could inflict serious damage on US forces if they dare to invade "
                 "Venezuela.")  # fmt: skip
    (invasion,) = events_of(result, "ASSAULT")
    assert invasion.modality == Modality.HYPOTHETICAL


def test_according_to_makes_an_event_reported_with_its_source(run: Run) -> None:
    result = run("According to Mexican President Andrés Manuel López Obrador, six Mexican "
                 "nationals were killed in the attack.")  # fmt: skip
    (attack,) = events_of(result, "ASSAULT")
    assert attack.modality == Modality.REPORTED
    names = {e.id: e.name for e in result.entities}
    assert names.get(attack.attributed_to or "") == "Andrés Manuel López Obrador"


def test_an_ordered_act_has_not_happened(run: Run) -> None:
    result = run("The president instructed security agencies to investigate the opposition.")
    investigations = [e for e in result.events if e.trigger == "investigate"]
    assert investigations and all(e.modality == Modality.HYPOTHETICAL for e in investigations)


@pytest.mark.parametrize(
    "text",
    ["A federal jury convicted Michael Avenatti of fraud.",
     "A judge sentenced Paul Manafort to 47 months in prison."],
)  # fmt: skip
def test_convictions_and_sentences_are_sanctions(run: Run, text: str) -> None:
    # the guideline's convention (a court convicting or sentencing someone is SANCTION
    # convict); the CAMEO code stays 116 / 173 for GDELT users
    (event,) = run(text).events
    assert (event.type, event.mode) == ("SANCTION", "convict")


def test_a_bare_later_mention_of_an_event_is_not_a_new_event(extractor: Extractor) -> None:
    text = "Thousands joined a protest in Hong Kong. Police watched the protest closely."
    view = DocView(extractor.nlp(text), "d", [], [], [])

    def protest(start: int, sentence: int) -> Event:
        evidence = Evidence("d", sentence, start, start + len("protest"))
        return Event(f"e{start}", "PROTEST", "140", (), (), "protest", evidence)

    first, again = protest(text.index("protest"), 0), protest(text.rindex("protest"), 1)
    assert without_repeats(view, [first, again]) == [first]
    # a verb telling the same kind of event again is kept (it may add sides or a date)
    verb = Event("e9", "PROTEST", "140", (), (), "joined", Evidence("d", 0, 10, 16))
    assert without_repeats(view, [verb, replace(verb, id="e10")]) == [
        verb,
        replace(verb, id="e10"),
    ]


def test_the_same_kind_of_event_pointed_back_to_is_not_a_new_event(extractor: Extractor) -> None:
    text = "Drone attacks hit the plant. Germany condemned the attack."
    view = DocView(extractor.nlp(text), "d", [], [], [])

    def attack(word: str, start: int, sentence: int) -> Event:
        evidence = Evidence("d", sentence, start, start + len(word))
        return Event(f"e{start}", "ASSAULT", "190", (), (), word, evidence)

    first = attack("attacks", text.index("attacks"), 0)
    again = attack("attack", text.rindex("attack"), 1)
    assert without_repeats(view, [first, again]) == [first]


@pytest.mark.parametrize(
    "text",
    ["Speaking to NBC News, she said the talks had failed.",
     "Senator Lindsey Graham spoke on Fox News on Sunday."],
)  # fmt: skip
def test_an_interview_is_not_a_meeting(run: Run, text: str) -> None:
    # speak/talk: needs_target and not_with [media] in the event lexicon
    assert [e for e in run(text).events if e.type == "CONSULT"] == []


def test_speaking_with_a_leader_is_still_a_meeting(run: Run) -> None:
    (call,) = run("Trump spoke with Erdogan on Sunday.").events
    assert call.type == "CONSULT"


def test_a_clause_with_its_own_unnamed_subject_does_not_inherit_the_governing_doer(
    extractor: Extractor,
) -> None:
    """ "Ukraine will respond if the mob dares to attack": the mob attacks, not Ukraine; a mob
    is no actor, so the attack has no known source (neither the rules nor the side ranker
    may fill in Ukraine)."""
    result = extractor.extract_text("Ukraine will respond if the mob dares to attack the embassy.")
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert all("state:UKR" not in e.source for e in attacks)


@pytest.mark.parametrize(
    "text",
    [
        "Turkey and Libya signed a maritime border agreement on Monday.",
        "Parliament ratified the treaty with Japan.",
    ],
)
def test_signing_an_agreement_is_support_as_cameo_057(run: Run, text: str) -> None:
    # the CAMEO->PLOVER table and the guideline: 057 "sign formal agreement" is SUPPORT;
    # agreeing to do something is AGREE
    (event,) = [e for e in run(text).events if e.cameo == "057"]
    assert event.type == "SUPPORT"


@pytest.mark.parametrize(
    ("text", "kind", "coded"),
    [
        # seeking or offering with nobody asked or offered to is no event (stop 35: in train,
        # 18 of 20 such events were no gold event, in dev 5 of 6)
        ("The rebels sought to regroup near the border.", "REQUEST", False),
        ("Iran sought help from Russia.", "REQUEST", True),
        ("Turkey offered Syria a ceasefire.", "AGREE", True),
    ],
)
def test_seeking_and_offering_need_someone_on_the_other_side(
    run: Run, text: str, kind: str, coded: bool
) -> None:
    assert bool(events_of(run(text), kind)) is coded


def test_insisting_on_a_fact_is_no_demand(run: Run) -> None:
    assert not events_of(
        run("Moscow insists its military contingent is not a fighting force."), "REQUEST"
    )
    assert events_of(
        run("The President insists that the budget include funding for the wall."), "REQUEST"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Russia and Ukraine agreed that the ceasefire was a success.", False),
        (
            "Gloria La Riva and Howie Hawkins agreed that vaccines have done more good than harm.",
            False,
        ),
        ("Russia and Ukraine agreed that the ceasefire will begin on Monday.", True),
        ("Russia and Ukraine agreed to exchange prisoners on Sunday.", True),
    ],
)
def test_agreeing_that_something_is_so_is_a_view_not_a_deal(
    run: Run, text: str, shown: bool
) -> None:
    # the tagger may still weigh the word; the default views hide what it doubts
    threshold = default_event_confidence()
    agreed = [e for e in events_of(run(text), "AGREE") if e.confidence >= threshold]
    assert bool(agreed) is shown


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Devin Oldman helped manage the delivery of the buffalo.", False),
        ("His reports helped to protect the nation.", False),
        ("The United States helped Ukraine with weapons.", True),
        ("Mexico will assist Guatemala after the storm.", True),
    ],
)
def test_helping_an_act_is_the_act_not_aid(run: Run, text: str, coded: bool) -> None:
    # "helped manage X" tells the managing, which the lexicon codes on its own if it is an
    # event; helping someone is aid
    assert bool(events_of(run(text), "AID")) is coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("The White House released a summary of the call.", False),
        ("Red Hat released a new version of the software.", False),
        ("Iran released the British sailors on Monday.", True),
        # a reduced passive's object is the noun it modifies
        ("A State Department cable released by WikiLeaks named Mexico.", False),
        ("The sailors released by Iran arrived in London.", True),
    ],
)
def test_releasing_what_is_published_is_no_release(run: Run, text: str, coded: bool) -> None:
    assert bool(events_of(run(text), "RETREAT")) is coded


def test_the_government_of_a_story_about_one_state_is_that_state(run: Run) -> None:
    result = run(
        "Protests spread across India on Monday. "
        "The government rejected the demands of the protesters in New Delhi."
    )
    (event,) = events_of(result, "REJECT")
    assert names(result, event.source) == {"India"}
    assert event.source_agent is not None and event.source_agent.code == "GOV"
    (side,) = [s for s in event.coded if s.role == "source"]
    assert side.code == "INDGOV"


@pytest.mark.parametrize(
    "text",
    [
        # two states, neither the story's only one
        "India and Pakistan traded fire. The government rejected the demands of the protesters.",
        # a government named with words of its own is not the home state's
        "Protests spread across India. The provincial government rejected the demands.",
    ],
)
def test_the_government_stays_unnamed_when_the_story_does_not_say_whose(
    run: Run, text: str
) -> None:
    (event,) = events_of(run(text), "REJECT")
    assert event.source == () and event.source_agent is not None


def test_a_verb_the_lexicon_rules_out_by_its_object_is_no_event_of_any_coder(run: Run) -> None:
    # "charge" with a sum is a price, not an accusation: neither the rules nor the learned
    # tagger may read it as one
    fees = run("Gang members charge the bus drivers a daily amount.")
    assert not [e for e in fees.events if e.type == "ACCUSE"], fees.events
    sums = run("Criminals usually charge taxi drivers around $80 per month.")
    assert not [e for e in sums.events if e.type == "ACCUSE"], sums.events
    charged = run("Prosecutors charged the driver with murder on Monday.")
    assert [e.type for e in charged.events] == ["ACCUSE"]


def test_a_pronoun_never_makes_an_actor_its_own_target(run: Run) -> None:
    result = run("Gang members from Barrio 18 said that at least they don't kill us.")
    for event in result.events:
        assert not set(event.source) & set(event.target), event


def test_asking_for_anonymity_is_no_request(run: Run) -> None:
    result = run("A local official, who requested anonymity, told the newspaper the army had left.")
    assert not [e for e in result.events if e.type == "REQUEST"], result.events


def test_who_takes_part_in_a_meeting_is_its_side_not_the_body_that_holds_it(run: Run) -> None:
    result = run(
        "Iran's Foreign Minister Javad Zarif met reporters on Monday. Zarif had taken part in "
        "the April 30 Security Council meeting in Tehran."
    )
    (event,) = [e for e in result.events if e.trigger == "taken"]
    assert names(result, event.source) == {"Mohammad Javad Zarif"}


def test_an_infinitive_after_an_adjective_is_no_plan(run: Run) -> None:
    # "is to face" plans; "it is safe to assume" completes the adjective, not the event
    result = run("It is safe to assume that Smith was meeting Jones under orders from the king.")
    assert [e.modality for e in result.events if e.type == "CONSULT"] != [Modality.PLANNED]
    planned = run("The president is to meet the Chinese premier in Beijing next week.")
    assert [e.modality for e in planned.events] == [Modality.PLANNED]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Guatemala must improve security by battling extortion and kidnapping.", False),
        ("Doctors fought the virus for months.", False),
        ("The mayor vowed to fight corruption.", False),
        ("Government troops fought the rebels near Goma.", True),
    ],
)
def test_fighting_a_scourge_is_no_assault(run: Run, text: str, coded: bool) -> None:
    assert bool(events_of(run(text), "ASSAULT")) is coded


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested the wife of Rafael Caro Quintero in Culiacan.",
        "Police arrested Rafael Caro Quintero's wife in Culiacan.",
        "The United States imposed sanctions against two sons of Rafael Caro Quintero.",
        # the parser hangs the end of the name on "sons" as an apposition
        "The United States imposed sanctions against two sons of Sinaloa Cartel boss Joaquin "
        '"El Chapo" Guzman.',
    ],
)
def test_a_relative_is_the_side_not_whom_they_are_related_to(run: Run, text: str) -> None:
    (event,) = [e for e in run(text).events if e.type in {"COERCE", "SANCTION"}]
    assert event.target == ()
    assert event.target_agent is not None and event.target_agent.code == "CVL"


def test_at_the_hands_of_names_the_doer(run: Run) -> None:
    result = run("In 2006, Gustavo Upegui was tortured and murdered at the hands of gang "
                 "commander Daniel Mejia.")  # fmt: skip
    tortured = first_of(result, "ASSAULT")
    assert names(result, tortured.source) == {"Daniel Mejia"}
    assert names(result, tortured.target) == {"Gustavo Upegui"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The US Treasury opened a new financial assault against the Sinaloa Cartel.", "SANCTION"),
        ("Trump launched a verbal attack on Sadiq Khan.", "ACCUSE"),
        ("Rebels launched an attack on the army base in Goma.", "ASSAULT"),
    ],
)
def test_an_attack_in_words_or_money_is_no_use_of_force(run: Run, text: str, kind: str) -> None:
    assert {e.type for e in run(text).events} == {kind}


def test_charging_a_sum_is_no_accusation(run: Run) -> None:
    result = run("A contract killer said he had charged between $910 and $3,250 for his work.")
    assert not events_of(result, "ACCUSE")
    assert first_of(run("Prosecutors charged the killer with murder."), "ACCUSE")


def test_a_weapon_is_the_means_of_an_attack_never_a_side(run: Run) -> None:
    result = run("An M67 grenade was used in an attack on Televisa in Monterrey.")
    attack = first_of(result, "ASSAULT")
    kinds = {e.id: e.type for e in result.entities}
    assert kinds["weapon:m67"] == "weapon"
    assert "weapon:m67" not in attack.source + attack.target
    assert names(result, attack.target) == {"Televisa"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Colombian troops killed a FARC commander in Cauca on Monday.", "REB"),
        ("Soldiers arrested three Sinaloa Cartel gunmen in Culiacán on Monday.", "CRM"),
        # a criminal group named by what it does
        ("Police arrested eight members of a drug trafficking ring on Friday.", "CRM"),
        ("Prosecutors charged the leader of a criminal organization in Lima.", "CRM"),
    ],
)
def test_a_member_named_by_an_armed_group_is_coded_as_the_group(
    extract_text: Callable[..., Extraction], text: str, code: str
) -> None:
    """ "a FARC commander" is a rebel, not the military a commander alone would be."""
    events = extract_text(text).events
    assert [e.target_agent.code for e in events if e.target_agent] == [code]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Washington said Bolivia had failed to meet its obligations under the treaty.", False),
        ("Peru met its targets for coca eradication last year.", False),
        ("The Bolivian president met the Peruvian foreign minister in La Paz.", True),
    ],
)
def test_meeting_an_obligation_is_no_meeting(run: Run, text: str, coded: bool) -> None:
    assert bool(events_of(run(text), "CONSULT")) is coded


def test_a_party_to_what_is_said_is_not_who_says_it(run: Run) -> None:
    """ "accused of stealing food from X": X is in the accusation, not the accuser."""
    result = run(
        "Police in Caracas have been accused of stealing food from Interior Ministry trucks."
    )
    (accusation,) = events_of(result, "ACCUSE")
    assert not accusation.source


def test_the_state_of_a_place_acts_for_it(run: Run) -> None:
    """ "the state of Montana sued ...": the state's "of" names who acts."""
    result = run("The state of Montana accused two railway companies of endangering migrants.")
    (accusation,) = events_of(result, "ACCUSE")
    assert names(result, accusation.source) == {"Montana"}


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The minister could face charges of corruption.", Modality.HYPOTHETICAL),
        (
            "If the House votes to impeach him, the president would face trial.",
            Modality.HYPOTHETICAL,
        ),
        ("The prosecutor said the 36 must face charges of murder.", Modality.REPORTED),
    ],
)
def test_an_event_noun_under_a_modal_light_verb(run: Run, text: str, modality: Modality) -> None:
    """ "could face charges" is no charge yet; "must face", said, is what the speaker demands."""
    result = run(text)
    (event,) = [e for e in result.events if e.trigger in {"charges", "trial"}]
    assert event.modality == modality


@pytest.mark.parametrize(
    "text",
    [
        "Police are said to have arrested the leaders of the protest.",
        "The rebels, the statement said, attacked the base on Monday.",
    ],
)
def test_an_act_said_to_have_happened_is_reported(run: Run, text: str) -> None:
    """ "are said to have arrested", "X, the statement said, attacked": told, not seen."""
    (event,) = [e for e in run(text).events if e.trigger in {"arrested", "attacked"}]
    assert event.modality == Modality.REPORTED


def test_a_report_is_no_doer_of_an_act_that_is_not_speech(run: Run) -> None:
    result = run(
        "There have been reports of authorities in Belize capturing suspected MS13 members."
    )
    (event,) = events_of(result, "COERCE")
    assert event.source_agent is None or event.source_agent.code != "MED"


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        # a passive adjunct with no subject of its own befell the clause's subject (#16, stop 58)
        ("Juan Perez died in Aden after being shot in his car.", "ASSAULT", {"Juan Perez"}),
        (
            "Maria Lopez served eight years before being granted clemency.",
            "RETREAT",
            {"Maria Lopez"},
        ),
        ("Having been arrested by police, Pedro Gomez confessed.", "COERCE", {"Pedro Gomez"}),
        # a bare participle opening the sentence is passive too: the subject underwent it
        ("Arrested in 2019, Pedro Gomez confessed.", "COERCE", {"Pedro Gomez"}),
    ],
)
def test_a_passive_adjunct_befell_the_subject_of_its_clause(
    run: Run, text: str, kind: str, target: set[str]
) -> None:
    result = run(text)
    event = first_of(result, kind)
    assert names(result, event.target) == target
    assert not names(result, event.source) & target


def test_a_finite_passive_the_parser_hangs_as_an_adjunct_keeps_its_own_subject(run: Run) -> None:
    # "her son had been convicted" is no adjunct of "wept": the mother was not convicted
    result = run("Anwar Baloch wept upon hearing her son had been convicted.")
    assert all("Anwar Baloch" not in names(result, e.target) for e in result.events)


@pytest.mark.parametrize(
    ("text", "leaning"),
    [
        ("The senator called the proposal a disgrace.", "negative"),
        ("The governor described the strike as reckless and cruel.", "negative"),
        ("Critics have called his plan a disaster.", "negative"),
        ("The ministry called the report false and baseless.", "dismissive"),
        ("The embassy labeled the allegations a hoax.", "dismissive"),
        ("She called the compromise an excellent result.", "positive"),
        ("The senator described the budget as not terrible.", "positive"),
        # what is named, not judged: a passive that no one says
        ("A militia called the Evil Front took the town.", None),
        ("It is called the forbidden zone.", None),
        # a judgement of a proposition, not of the object
        ("He called it unlikely that the bank would repay the loan.", None),
        ("The mayor called the bridge a landmark.", None),
        # what a phrase below the complement tells is about something else
        ("The minister called the treaty a step towards ending the bitter conflict.", None),
    ],
)
def test_what_a_speaker_calls_something_leans_as_its_words(
    extractor: Extractor, text: str, leaning: str | None
) -> None:
    polarity = extractor.lexicon.events.polarity
    doc = extractor.nlp(text)
    (verb,) = [t for t in doc if t.lemma_ in {"call", "describe", "label"}]
    assert complement_polarity(verb, polarity) == leaning


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The opposition leader called the election a fraud and a disgrace.", "ACCUSE"),
        ("Moscow described the sanctions as illegal and destructive.", "ACCUSE"),
        ("The foreign ministry called the report a fabrication.", "REJECT"),
        ("Ankara labeled the claims baseless.", "REJECT"),
        ("The minister referred to the protesters as violent thugs.", "ACCUSE"),
    ],
)
def test_calling_something_bad_is_criticism_and_calling_it_untrue_a_rejection(
    run: Run, text: str, kind: str
) -> None:
    verbs = {"called", "described", "labeled", "referred"}
    found = [e for e in run(text).events if e.trigger in verbs]
    assert [e.type for e in found] == [kind]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Did the army attack the village?", []),
        ("Which ministers would you ask to resign?", []),
        ("Will Turkey send troops to Libya?", []),
        # the answer after an interview's question, run into one sentence by the parser
        (
            "((WN)) Did the rebels attack the town?\nThe rebels attacked the town on Monday.",
            ["ASSAULT"],
        ),
        ("The rebels attacked the town on Monday.", ["ASSAULT"]),
    ],
)
def test_a_question_tells_of_no_event(run: Run, text: str, kinds: list[str]) -> None:
    assert [e.type for e in run(text).events] == kinds


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Reuters investigated the senator's finances for a year.", False),
        ("The newspaper's investigation found that the army sold rifles to a gang.", False),
        ("Prosecutors are investigating the mayor of Cali.", True),
        ("The Senate's investigation into the minister began in May.", True),
    ],
)
def test_an_outlets_investigation_is_reporting_not_a_probe(
    run: Run, text: str, coded: bool
) -> None:
    probes = [e for e in run(text).events if e.mode == "investigate"]
    assert bool(probes) is coded


def test_protesting_ones_innocence_is_no_protest(run: Run) -> None:
    assert not events_of(run("The accused men protested their innocence in court."), "PROTEST")
    assert events_of(run("Thousands of farmers protested outside parliament."), "PROTEST")


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Growing demand for cocaine in Europe has fuelled the trade.", False),
        ("US demand for marijuana fell sharply last year.", False),
        ("Protesters renewed their demand for the president's resignation.", True),
    ],
)
def test_a_markets_demand_is_no_request(run: Run, text: str, coded: bool) -> None:
    assert bool(events_of(run(text), "REQUEST")) is coded
