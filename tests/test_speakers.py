"""The speaker sieve: each rule alone, with its evidence, and the wrong-name shapes
seen on real news (in sentences of our own) giving the right speaker or none."""

from __future__ import annotations

import pytest

from summarize.quotes.detect import Quote, find_quotes


def quote(text: str, words: str, lang: str = "en") -> Quote:
    found = [q for q in find_quotes(text, lang).quotes if q.text.startswith(words)]
    assert found, f"no quote starting {words!r} in {[q.text for q in find_quotes(text, lang).quotes]}"
    return found[0]


def evidence(text: str, q: Quote) -> tuple[str, str, str]:
    """The rule, and the words its cue and mention spans point at."""
    ev = q.speaker_evidence
    assert ev is not None
    cue = text[ev.cue[0] : ev.cue[1]] if ev.cue else ""
    mention = text[ev.mention[0] : ev.mention[1]] if ev.mention else ""
    return ev.rule, cue, mention


# --- each rule alone ---------------------------------------------------------------------


def test_cue_subject_names_the_speaker_explicitly() -> None:
    text = '"The bridge will open in May," Olga Brandt said on Friday.'
    q = quote(text, "The bridge")
    assert (q.speaker, q.speaker_confidence) == ("Olga Brandt", "explicit")
    assert evidence(text, q) == ("cue-subject", "said", "Olga Brandt")


def test_said_name_after_the_verb() -> None:
    text = '"We are ready," said Tomasz Wilk, the club\'s coach.'
    q = quote(text, "We are ready")
    assert (q.speaker, q.speaker_confidence) == ("Tomasz Wilk", "explicit")
    assert evidence(text, q) == ("said-name", "said", "Tomasz Wilk")


def test_colon_after_a_name_at_the_start() -> None:
    text = 'Ingrid Solberg (goalkeeper): "We defended well and deserved the point."'
    q = quote(text, "We defended")
    assert (q.speaker, q.speaker_confidence) == ("Ingrid Solberg", "explicit")
    assert evidence(text, q)[0] == "colon"


def test_colon_closing_the_previous_paragraph() -> None:
    text = (
        "Mayor Petra Lind spoke after the vote.\n\n"
        "In a statement, Lind said:\n\n"
        '"This is a good day for the harbour and for everyone who works there."'
    )
    q = quote(text, "This is a good day")
    assert q.speaker == "Petra Lind"


def test_pronoun_resolves_to_the_person_speaking_and_says_so() -> None:
    text = (
        '"Prices will fall," Marta Kowalski said.\n\n'
        '"Not this year, but next," she added.'
    )
    q = quote(text, "Not this year")
    assert (q.speaker, q.speaker_confidence) == ("Marta Kowalski", "inferred")
    rule, cue, mention = evidence(text, q)
    assert rule == "pronoun" and cue == "added" and mention == "Marta Kowalski"


def test_pronoun_of_the_other_gender_is_not_resolved_to_her() -> None:
    text = '"Prices will fall," Marta Kowalski said.\n\n"Not this year," he said.'
    assert quote(text, "Not this year").speaker is None


def test_role_noun_names_the_person_given_that_role() -> None:
    text = (
        "Finance Minister Kofi Mensah presented the budget on Tuesday.\n\n"
        '"Every cedi is accounted for," the minister said.'
    )
    q = quote(text, "Every cedi")
    assert (q.speaker, q.speaker_confidence) == ("Kofi Mensah", "inferred")
    assert evidence(text, q)[0] == "role-noun"


def test_definite_role_after_an_indefinite_description_stays_a_description() -> None:
    text = (
        "A county official, who asked not to be named, said roads were closed.\n\n"
        '"Nobody should drive tonight," the official said.'
    )
    assert quote(text, "Nobody should").speaker == "A county official".lower()


def test_previous_quote_carries_on_when_no_one_else_is_named() -> None:
    text = (
        '"We will appeal," said Rosa Almeida.\n\n'
        '"The ruling ignores half of the evidence."'
    )
    q = quote(text, "The ruling")
    assert (q.speaker, q.speaker_confidence) == ("Rosa Almeida", "inferred")
    assert evidence(text, q)[0] == "previous-quote"


def test_previous_quote_stops_when_another_person_is_named_in_between() -> None:
    text = (
        '"We will appeal," said Rosa Almeida.\n\n'
        "Judge Carl Weiss had ruled for the landlord on Monday.\n\n"
        '"The ruling ignores half of the evidence."'
    )
    assert quote(text, "The ruling").speaker is None


def test_question_answered_by_the_one_asked() -> None:
    text = (
        "Lena Vogt won the final on Sunday.\n\n"
        "She was asked afterwards whether she had thought of stopping.\n\n"
        '"Every day for a year. Today I know why I kept going."'
    )
    q = quote(text, "Every day")
    assert (q.speaker, q.speaker_evidence.rule) == ("Lena Vogt", "qa")  # type: ignore[union-attr]


def test_headline_echo_takes_the_body_speaker() -> None:
    text = (
        'Port chief: "We are not for sale"\n\n'
        '"We are not for sale," Aisha Bello, head of the port authority, told reporters.'
    )
    head = find_quotes(text, "en").quotes[0]
    assert head.start < text.index("\n")
    assert head.speaker == "Aisha Bello"
    assert head.speaker_confidence == "inferred"


def test_pronoun_never_resolves_to_a_name_in_the_headline_only() -> None:
    text = (
        "Governor Hale signs the water bill\n\n"
        "The bill passed the senate last week after a long fight over the reservoirs.\n\n"
        '"It is a good law," she said.'
    )
    assert quote(text, "It is a good law").speaker is None


# --- who counts as a speaker ----------------------------------------------------------


def test_an_organisation_is_credited_by_its_name() -> None:
    text = 'The Environment Agency said river levels were "high but stable" on Sunday.'
    q = quote(text, "high but stable")
    assert q.kind == "partial"
    assert q.speaker == "the Environment Agency"


def test_an_unnamed_group_is_credited_as_the_article_describes_it() -> None:
    q = quote('"Stay indoors," police said on Sunday.', "Stay indoors")
    assert q.speaker == "police"


def test_an_anonymous_source_is_credited_as_described() -> None:
    q = quote('"The talks are over," a senior defense official said.', "The talks")
    assert q.speaker == "a senior defense official"


# --- the wrong-name shapes: the right speaker or none, never the wrong one ----------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('"We need the votes," said Sen. Ann Cole, R-Ohio.', "We need", "Ann Cole"),
        ('"We need the votes," Sen. Ann Cole, R-Ohio, said.', "We need", "Ann Cole"),
        ('Jo Park of Dayton, Tenn., said she felt "part of history."', "part of history", "Jo Park"),
        ('"Bread is cheaper," Ron Hale, chief executive of Harbor Bread, said.', "Bread", "Ron Hale"),
        (
            "The U.S. envoy, Mark Ellis, met the delegation on Monday.\n\n"
            '"The talks were serious," he said.',
            "The talks",
            "Mark Ellis",
        ),
        (
            "Crowds gathered on Hollywood Boulevard on Saturday.\n\n"
            '"We want answers," he said.',
            "We want",
            None,
        ),
        (
            "The Welsh club's captain spoke after the match.\n\n"
            '"We were not good enough," the captain said.',
            "We were not",
            None,
        ),
        (
            'Lina Moreau (Cheftrainerin 1. FC Union): "Wir haben verdient verloren."',
            "Wir haben",
            "Lina Moreau",
        ),
        ('„Das war ein Fehler“, sagte die Pressestelle der Stadt Köln.', "Das war", "die Pressestelle der Stadt Köln"),
        (
            "Die Lage in San Marino ist klar: „Wir wollen gewinnen und Tore schießen.“",
            "Wir wollen",
            None,
        ),
    ],
)
def test_wrong_name_shapes(text: str, words: str, speaker: str | None) -> None:
    lang = "de" if "„" in text or "Cheftrainerin" in text else "en"
    got = quote(text, words, lang).speaker
    assert got == speaker


def test_the_quoted_persons_subject_is_not_the_speaker_of_a_pronoun() -> None:
    """'he' after a quote about someone else refers to the one speaking."""
    text = (
        '"Lukas Brenner was the best player I ever coached," said Tom Ruiz, who trained him.\n\n'
        '"He never missed a session," he said.'
    )
    assert quote(text, "He never missed").speaker == "Tom Ruiz"


# --- short quotes the sentence credits ------------------------------------------------------


def test_a_judgement_credited_to_the_subject_is_partial_speech() -> None:
    q = quote('Treasurer Dana Whyte called the proposal "a ludicrous claim".', "a ludicrous claim")
    assert (q.kind, q.speaker) == ("partial", "Dana Whyte")


def test_admitted_it_was_is_speech() -> None:
    q = quote('Coach Ivo Brandt admitted the display was "not good enough".', "not good enough")
    assert (q.kind, q.speaker) == ("partial", "Ivo Brandt")


def test_a_phrase_credited_to_critics_is_not_given_to_the_sentence_subject() -> None:
    text = 'Minister Anna Kovacs defended the budget against what critics call the "austerity trap".'
    assert quote(text, "austerity trap").speaker != "Anna Kovacs"


# --- the record ---------------------------------------------------------------------------


def test_every_named_speaker_carries_evidence_and_confidence() -> None:
    text = (
        '"The plan," Mayor Ines Varga said, "is dead."\n\n'
        '"We start again in spring," she added.\n\n'
        'Officials called it "a setback".'
    )
    for q in find_quotes(text, "en").quotes:
        if q.speaker:
            assert q.speaker_confidence in ("explicit", "inferred")
            assert q.speaker_evidence is not None and q.speaker_evidence.rule
            s, e = q.speaker_evidence.mention  # type: ignore[misc]
            assert 0 <= s < e <= len(text)
        else:
            assert q.speaker_confidence is None and q.speaker_evidence is None


def test_they_points_to_the_group_last_quoted() -> None:
    text = (
        '"We will march again," the organisers said on Sunday.\n\n'
        'They said they were protesting against "a broken promise".'
    )
    q = quote(text, "a broken promise")
    assert (q.speaker, q.speaker_confidence) == ("the organisers", "inferred")


def test_they_with_no_group_before_names_nobody() -> None:
    text = '"The rent is too high," said Lea Marsh.\n\n"We cannot stay," they said.'
    assert quote(text, "We cannot stay").speaker is None


def test_an_acronym_is_credited_to_the_body_the_article_spelled_out() -> None:
    text = (
        "The Union of Harbour Pilots met on Friday.\n\n"
        '"Safety comes before schedules," UHP said in a statement.'
    )
    assert quote(text, "Safety comes").speaker == "the Union of Harbour Pilots"


# --- short quotes credited by the sentence, headlines, and other languages' shapes ---------


def test_headline_opening_with_a_name_and_a_colon_gives_the_voice() -> None:
    text = (
        "Mara Voss: council 'let the river win'\n\n"
        "Mara Voss, who chairs the flood board, spoke to residents on Monday night.\n\n"
        '"We warned them every winter," she said.'
    )
    q = quote(text, "let the river win")
    assert (q.speaker, q.kind) == ("Mara Voss", "partial")


def test_headline_colon_after_a_place_names_nobody() -> None:
    text = (
        "Flood in Dunmore: council 'let the river win'\n\n"
        "Residents met on Monday night.\n\n"
        '"We warned them every winter," said Mara Voss.'
    )
    assert quote(text, "let the river win").speaker is None


def test_what_the_role_called_names_the_holder_the_article_gives() -> None:
    text = (
        "The miners came up in what the country's president called a \"new beginning\".\n\n"
        "President Lena Ortiz waited at the shaft all night."
    )
    q = quote(text, "new beginning")
    assert (q.speaker, q.kind) == ("Lena Ortiz", "partial")
    assert evidence(text, q)[0] == "role-noun"


def test_what_the_role_called_with_no_holder_named_is_left_unowned() -> None:
    text = "The miners came up in what the country's president called a \"new beginning\"."
    assert quote(text, "new beginning").speaker is None


def test_a_name_after_an_opening_phrase_with_its_verb_at_once_is_the_subject() -> None:
    text = (
        "Dana Whitlock runs the port authority.\n\n"
        'At a briefing on Tuesday, Whitlock called the new tariffs "reckless" and left.'
    )
    q = quote(text, "reckless")
    assert (q.speaker, q.kind) == ("Dana Whitlock", "partial")


def test_a_long_group_subject_before_its_verb_is_described() -> None:
    text = 'Senior city council officials told reporters on Friday that the deal was "nearly done".'
    q = quote(text, "nearly done")
    assert q.speaker is not None and q.speaker.lower() == "senior city council officials"


def test_the_person_after_the_subjects_verb_is_the_object_not_a_rival() -> None:
    text = "Олена Коваль побажала Петренку, щоб його «нова справа» вдалася."
    q = quote(text, "нова справа", "uk")
    assert (q.speaker, q.kind) == ("Олена Коваль", "partial")


def test_two_people_before_the_verb_leave_the_words_unowned() -> None:
    text = 'Jo Brandt and Sam Okafor both described the vote as "a mess".'
    assert quote(text, "a mess").speaker is None


def test_a_bracketed_role_after_a_name_opening_a_paragraph_names_the_voice() -> None:
    text = "Jonas Brandtner (Cheftrainer Riverton): „Wir hatten heute einfach Glück.“"
    q = quote(text, "Wir hatten", "de")
    assert q.speaker == "Jonas Brandtner"


def test_an_agency_tag_in_brackets_is_not_a_role() -> None:
    text = "Neue Kammer (dpa): „Die Sitzung ist vertagt.“"
    assert quote(text, "Die Sitzung", "de").speaker is None


def test_french_inversion_inside_plain_marks_is_the_attribution() -> None:
    text = (
        "La ministre Claire Dubois a répondu aux élus mardi.\n\n"
        '"Nous avons tenu bon, a-t-elle expliqué devant la commission. Et nous tiendrons encore."'
    )
    first = quote(text, "Nous avons tenu", "fr")
    second = quote(text, "Et nous tiendrons", "fr")
    assert first.speaker == second.speaker == "Claire Dubois"
    assert first.kind == second.kind == "split"


def test_a_group_named_after_a_plural_verb_in_french() -> None:
    text = "Le projet «ne respecte pas le code du travail», considèrent les syndicats."
    q = quote(text, "ne respecte pas", "fr")
    assert q.speaker == "les syndicats"


def test_a_pronoun_after_an_opening_phrase_points_back() -> None:
    text = (
        "Sophie Marchal dirige l'équipe depuis deux ans.\n\n"
        "Et malgré la défaite, elle reste confiante : « Nous allons revenir plus forts. »"
    )
    q = quote(text, "Nous allons", "fr")
    assert (q.speaker, q.speaker_confidence) == ("Sophie Marchal", "inferred")


def test_a_title_that_tells_a_wife_from_her_husband_stays() -> None:
    text = (
        "Peter Halloran was jailed for life on Friday.\n\n"
        'Outside the court Mrs Halloran added: "I will never stop fighting for him."'
    )
    q = quote(text, "I will never stop")
    assert q.speaker == "Mrs Halloran"  # never her husband's full name


def test_the_one_person_introducing_a_statement_with_a_colon_gives_it() -> None:
    text = (
        "London, May 3 - Harbour Trust Director Nadia K. Obi released the following statement today:\n\n"
        '"We regret the delay and will publish the full report next week."'
    )
    q = quote(text, "We regret")
    assert (q.speaker, q.speaker_confidence) == ("Nadia K. Obi", "inferred")


def test_a_relative_clause_name_does_not_introduce_the_statement() -> None:
    text = (
        "The review, which Nadia Obi ordered last year, concluded:\n\n"
        '"The harbour wall was never inspected."'
    )
    assert quote(text, "The harbour wall").speaker is None


def test_the_one_spoken_to_does_not_interrupt_the_speaker() -> None:
    text = (
        'Judge Alan Pike said the attack was "cruel beyond words", he told Carrow.\n\n'
        '"You showed no remorse at any point in this trial."'
    )
    q = quote(text, "You showed no remorse")
    assert q.speaker == "Alan Pike"


def test_a_quote_inside_a_quote_credited_to_the_body_that_used_the_words() -> None:
    text = (
        'The broadcaster said: "Our reporters lost their passes for what the ministry '
        "calls 'hostile reporting' during the protests.\""
    )
    inner = quote(text, "hostile reporting")
    assert (inner.nested, inner.kind, inner.speaker) == (True, "partial", "the ministry")


def test_two_single_quoted_phrases_in_a_row_are_two_quotes() -> None:
    text = "Officials cited 'illegal activities' and 'biased reporting' as the reasons."
    texts = [q.text for q in find_quotes(text, "en").quotes]
    assert "illegal activities" in texts and "biased reporting" in texts


def test_a_ukrainian_subject_late_in_its_sentence_is_a_pronouns_antecedent() -> None:
    text = (
        "Про звільнення першою написала в середу журналістка Ірина Гнатюк.\n\n"
        "«Рішення вже підписане», – повідомила вона."
    )
    q = quote(text, "Рішення вже", "uk")
    assert (q.speaker, q.speaker_evidence.rule) == ("Ірина Гнатюк", "pronoun")


def test_a_genitive_given_name_is_put_back_in_the_nominative_for_a_man() -> None:
    text = (
        "Журналісти повідомили про відставку міністра Арсена Авакова.\n\n"
        "Згодом сам Аваков прокоментував новину. «Заява на столі», – сказав він."
    )
    q = quote(text, "Заява на столі", "uk")
    assert q.speaker == "Арсен Аваков"


def test_a_name_inside_someones_reported_words_is_not_the_pronouns_antecedent() -> None:
    text = (
        '"The ships are already at sea," Moss said.\n\n'
        "Moss said Garrick firmly believes the allies will send more ships.\n\n"
        "Citing the storms in the strait, Moss urged the allies to hurry.\n\n"
        '"They have promised help," he said.'
    )
    q = quote(text, "They have promised")
    assert q.speaker == "Moss"


def test_an_indefinite_spokesperson_is_the_one_the_article_names_later() -> None:
    text = (
        'The talks were "long and difficult," said a Foreign Office spokesperson on Monday.\n\n'
        '"We will meet again," Foreign Office spokeswoman Ruth Kell said later.'
    )
    q = quote(text, "long and difficult")
    assert (q.speaker, q.speaker_confidence) == ("Ruth Kell", "inferred")


def test_a_quote_right_after_a_sentence_saying_who_spoke_is_theirs() -> None:
    text = (
        "Прем'єр-міністр Микола Дорош не планував цієї посади. Про це він написав у Facebook. "
        "«Я ніколи не думав про крісло прем'єра»."
    )
    q = quote(text, "Я ніколи", "uk")
    assert (q.speaker, q.speaker_evidence.rule) == ("Микола Дорош", "same-paragraph")


def test_a_quote_after_an_interview_sentence_is_not_the_interviewers() -> None:
    text = 'The Ledger spoke to a neighbour who confirmed the move. "They left in March."'
    assert quote(text, "They left").speaker is None


def test_a_quote_between_a_paragraph_about_one_person_and_her_credited_quote() -> None:
    text = (
        "Coach Irena Vasko believes the season must go on at home.\n\n"
        '"We came back to show that life goes on."\n\n'
        '"Playing here matters more than anything," Vasko said.'
    )
    q = quote(text, "We came back")
    assert (q.speaker, q.speaker_confidence) == ("Irena Vasko", "inferred")
    assert q.speaker_evidence.rule == "between-quotes"


def test_a_quote_between_two_people_is_left_unowned() -> None:
    text = (
        "Coach Irena Vasko met club president Ivo Brandt on Monday.\n\n"
        '"We came back to show that life goes on."\n\n'
        '"Playing here matters more than anything," Vasko said.'
    )
    assert quote(text, "We came back").speaker is None


def test_german_reported_speech_goes_on_with_the_one_last_quoted() -> None:
    text = (
        "„Wir bauen die Brücke bis 2027“, sagte Bürgermeisterin Anja Holt.\n\n"
        "Eine Verzögerung sei „ausgeschlossen“, die Mittel seien gesichert."
    )
    q = quote(text, "ausgeschlossen", "de")
    assert (q.speaker, q.speaker_evidence.rule) == ("Anja Holt", "reported-speech")


def test_german_reported_speech_stops_at_another_name() -> None:
    text = (
        "„Wir bauen die Brücke bis 2027“, sagte Bürgermeisterin Anja Holt.\n\n"
        "Stadtrat Jens Pohl widersprach. Eine Verzögerung sei „sehr wahrscheinlich“."
    )
    assert quote(text, "sehr wahrscheinlich", "de").speaker is None


def test_a_capitalised_german_role_after_the_verb_is_read_as_the_role() -> None:
    text = (
        "Bundeskanzler Erik Brandl und Vizekanzler Tobias Reiner stellten das Programm vor.\n\n"
        "Das Programm sei „eine Mischung aus Altem und Neuem“, erklärte der neue Kanzler."
    )
    q = quote(text, "eine Mischung", "de")
    assert q.speaker == "Erik Brandl"  # never the vice-chancellor named last


def test_a_role_two_people_were_given_names_nobody() -> None:
    text = (
        "Ministerin Lea Sommer und Ministerin Ute Kranz trafen sich am Montag.\n\n"
        "„Wir sind uns einig“, sagte die Ministerin."
    )
    assert quote(text, "Wir sind uns einig", "de").speaker is None


def test_after_an_opening_clause_a_name_and_its_verb_are_the_subject() -> None:
    text = (
        "Après avoir parlé de la dette, Paul Marchetti a nuancé ses propos en évoquant "
        "du « sur-mesure » pour les entreprises."
    )
    q = quote(text, "sur-mesure", "fr")
    assert (q.speaker, q.kind) == ("Paul Marchetti", "partial")


def test_the_one_a_paper_quotes_is_the_speaker_not_the_paper() -> None:
    text = (
        "Головного тренера Андрія Коваленка здивувала гра суперників.\n\n"
        "«Нам треба добре зіграти в Римі», – цитує Коваленка Sport.ua."
    )
    q = quote(text, "Нам треба", "uk")
    assert (q.speaker, q.speaker_evidence.rule) == ("Андрій Коваленко", "quoted-by")


def test_an_epithet_reaches_two_paragraphs_back_only_to_the_one_person_named() -> None:
    text = (
        "Тренера збірної Андрія Коваленка здивувала гра суперників.\n\n"
        "Про це заявив сам наставник команди.\n\n"
        "«Суперник додав у швидкості», – зазначив спеціаліст."
    )
    assert quote(text, "Суперник додав", "uk").speaker == "Андрій Коваленко"


def test_an_epithet_two_paragraphs_back_with_two_people_named_is_left_unowned() -> None:
    text = (
        "Тренера збірної Андрія Коваленка та Петра Мельника здивувала гра суперників.\n\n"
        "Про це заявив сам наставник команди.\n\n"
        "«Суперник додав у швидкості», – зазначив спеціаліст."
    )
    assert quote(text, "Суперник додав", "uk").speaker is None


def test_a_sentence_with_one_person_ending_in_a_colon_introduces_the_quote() -> None:
    text = "Les joueurs, Marc Devaux en tête, restent prudents : « Rien n'est encore gagné. »"
    q = quote(text, "Rien n'est", "fr")
    assert q.speaker == "Marc Devaux"


def test_a_name_deep_in_a_german_sentence_does_not_introduce_the_quote() -> None:
    text = "Vor dem Spiel ist die Taktik gegen Hans Berger klar definiert: „Wir greifen früh an.“"
    assert quote(text, "Wir greifen", "de").speaker is None


def test_the_role_is_the_subject_when_the_name_belongs_to_an_interview_phrase() -> None:
    text = (
        "Die frühere Ministerin Karin Lutz hat sich zu Wort gemeldet.\n\n"
        "„Das ist ein langer Prozess“, sagte die CDU-Politikerin in einem Gespräch mit dem "
        "Moderator Jan Pohl."
    )
    assert quote(text, "Das ist ein langer", "de").speaker == "Karin Lutz"


def test_a_ground_named_like_a_person_is_no_antecedent() -> None:
    text = (
        "Graham Pettifer says the slump will pass, despite the defeat at Villa Park on Saturday.\n\n"
        '"We have had worse runs than this," the manager said.'
    )
    assert quote(text, "We have had worse").speaker == "Graham Pettifer"


def test_a_persons_statement_opening_the_sentence_makes_the_quote_theirs() -> None:
    text = (
        "Democrat Lena Ortiz and Republican Sam Boyd met in the only debate.\n\n"
        'Ortiz\'s closing statement was brief — "Our state needs better schools."'
    )
    q = quote(text, "Our state needs")
    assert q.speaker == "Lena Ortiz"


def test_an_aside_between_the_name_and_its_verb_before_a_colon() -> None:
    text = (
        "L'astrophysicienne Claire Vautrin, qui a dirigé l'étude, se montre prudente :\n\n"
        "« Cela ne veut pas dire qu'il y a de la vie. »"
    )
    assert quote(text, "Cela ne veut", "fr").speaker == "Claire Vautrin"


def test_a_name_inside_a_relative_clause_does_not_own_the_colon() -> None:
    text = (
        "Суддя, який робив зауваження Олені Коваль, що вона звертається не до суду, спитав: "
        "«Дорогий друг – це я?»"
    )
    assert quote(text, "Дорогий друг", "uk").speaker is None


def test_a_possessive_description_is_written_as_in_mid_sentence() -> None:
    text = 'Her opponent called the plan "a fantasy".'
    q = quote(text, "a fantasy")
    assert q.speaker == "her opponent"


def test_an_epithet_of_her_gender_finds_the_woman_the_prize_went_to() -> None:
    text = (
        "NANTES — Le prix de la Ville a été décerné mardi à Mathilde Renaud pour son roman.\n\n"
        "« Je pensais que ce livre ne trouverait jamais d'éditeur », a confié la romancière."
    )
    assert quote(text, "Je pensais", "fr").speaker == "Mathilde Renaud"


def test_a_jury_speaks_as_one_body() -> None:
    text = "Le jury a salué « un film d'une grande pudeur »."
    q = quote(text, "un film", "fr")
    assert q.speaker is not None and q.speaker.lower() == "le jury"


def test_a_group_subject_before_auxiliaries_and_a_verb_of_judging() -> None:
    text = "The tabloids have taken to calling the storm a 'summer soaker'."
    assert quote(text, "summer soaker").speaker == "the tabloids"


def test_a_surname_that_is_also_a_given_name_keeps_the_full_name() -> None:
    text = (
        "Dr Laura Stein founded the company in 2019.\n\n"
        '"We were told it would never work," Stein said.'
    )
    assert quote(text, "We were told").speaker == "Laura Stein"


def test_a_subheading_does_not_break_they_from_the_group_last_quoted() -> None:
    text = (
        'In a video, the organisers said: "We will be back every month."\n\n'
        "Next steps\n\n"
        'They said they were protesting against "secret rules".'
    )
    assert quote(text, "secret rules").speaker == "the organisers"


def test_quotes_of_one_sentence_share_the_attribution_that_closes_it() -> None:
    text = (
        '"We are ready," said Mayor Anna Ruiz.\n\n'
        "New section\n\n"
        "Le conducteur «n'était pas armé», il ne menaçait personne et «quittait le parking», "
        "considèrent les plaignants."
    )
    first = quote(text, "n'était pas armé", "fr")
    assert first.speaker == "les plaignants"


def test_a_short_quote_joined_by_and_to_a_credited_one_shares_its_speaker() -> None:
    text = 'Mayor Ana Ruiz said the budget fought "waste" and "old habits", not people.'
    assert quote(text, "old habits").speaker == "Ana Ruiz"


def test_a_name_inside_the_subjects_aside_is_not_a_second_speaker() -> None:
    text = (
        'Tom Baird, the brother of one of the victims - Jane Wells - gave his reaction '
        'as "a relief" after the verdict.'
    )
    q = quote(text, "a relief")
    assert (q.speaker, q.kind) == ("Tom Baird", "partial")


def test_a_bodys_full_name_opening_the_sentence_before_an_adverb_and_said() -> None:
    text = 'The Association of Harbour Pilots however said that "the port has ignored every warning".'
    q = quote(text, "the port has ignored")
    assert q.speaker == "the Association of Harbour Pilots"


def test_adding_that_goes_on_with_the_subject_of_the_sentence() -> None:
    text = (
        '"We are close to a deal," council spokeswoman Mara Lind said at a briefing, '
        'adding that "there is still time to agree."'
    )
    assert quote(text, "there is still time").speaker == "Mara Lind"


def test_a_nationality_epithet_points_to_the_person_just_named() -> None:
    text = (
        "Diego Marín scored twice for the visitors on Saturday.\n\n"
        '"We deserved the win," the Spaniard wrote in his weekly column.'
    )
    q = quote(text, "We deserved")
    assert (q.speaker, q.speaker_confidence) == ("Diego Marín", "inferred")


# --- this session: cataphora, nested own words, relative subjects, sources ---------------


def test_a_pronoun_before_anyone_is_named_points_to_the_next_speaker() -> None:
    text = (
        "Повінь у районі\n\n"
        '"Вода піднялася за ніч на два метри. Люди не встигли вивезти речі", – написав він.\n\n'
        "Коваленський повідомив, що рятувальники працюють на місці."
    )
    q = quote(text, "Вода піднялася", "uk")
    assert (q.speaker, q.speaker_confidence) == ("Коваленський", "inferred")
    assert evidence(text, q) == ("cataphora", "написав", "Коваленський")


def test_cataphora_never_crosses_a_gender_or_a_name_already_given() -> None:
    # the next name is a woman's surname, the verb a man's: nobody
    text = (
        "Повінь у районі\n\n"
        '"Вода піднялася за ніч на два метри", – написав він.\n\n'
        "Коваленська повідомила, що рятувальники працюють на місці."
    )
    assert quote(text, "Вода піднялася", "uk").speaker is None
    # someone named before the pronoun: the backward rule decides, never the next name
    text = (
        "Flood in the valley\n\n"
        "The river rose overnight near the farm of Ada Brook.\n\n"
        '"The water came in two hours," he said.\n\n'
        "Tom Reyes said the road was closed."
    )
    assert quote(text, "The water came").speaker != "Tom Reyes"


def test_a_relative_pronoun_as_subject_stands_for_the_name_before_it() -> None:
    text = (
        "Le ministre a parlé devant les élus, et notamment au maire de Nantes, "
        "Paul Garnier, qui avait affirmé que la ville n'était « pas prête pour ce chantier »."
    )
    q = quote(text, "pas prête", "fr")
    assert q.speaker == "Paul Garnier"
    text = '"We will not close the school," said Ann Cole, who said the vote was "a mistake".'
    assert quote(text, "a mistake").speaker == "Ann Cole"


def test_an_opening_participle_clause_has_the_subject_after_the_quote() -> None:
    text = (
        "La ministre Claire Dumas a visité l'usine.\n\n"
        "Le maire Paul Garnier l'attendait.\n\n"
        "Après avoir promis « un budget pour chaque quartier », Paul Garnier a quitté la salle."
    )
    q = quote(text, "un budget", "fr")
    assert q.speaker == "Paul Garnier"
    assert evidence(text, q)[0] == "opening-clause"


def test_the_previous_speaker_does_not_carry_over_a_sentence_naming_another() -> None:
    text = (
        '"Nous voulons des règles claires", a déclaré Claire Dumas.\n\n'
        "Après avoir promis « un budget pour chaque quartier », Paul Garnier a détaillé son plan."
    )
    assert quote(text, "un budget", "fr").speaker != "Claire Dumas"


def test_a_quoted_crosshead_takes_the_voice_of_the_words_it_repeats() -> None:
    text = (
        "Le budget de la ville\n\n"
        '« Nous avons tenu parole », a déclaré Claire Dumas, adjointe aux finances.\n\n'
        "« Une ville pour tous »\n\n"
        "Puis le maire, Paul Garnier, a pris la parole : « Une ville pour tous, voilà notre promesse depuis le début. »"
    )
    head = quote(text, "Une ville pour tous", "fr")
    assert head.speaker in (None, "Paul Garnier")  # never the previous speaker, Claire Dumas


def test_words_a_speaker_quotes_as_their_own_inside_their_quote_are_theirs() -> None:
    text = (
        "Депутат розповів про роботу.\n\n"
        "«Я це добре знаю. Але мушу весь час говорити «добрий день», «до побачення»», - додав Іван Мороз."
    )
    for words in ("добрий день", "до побачення"):
        q = quote(text, words, "uk")
        assert (q.speaker, q.kind) == ("Іван Мороз", "partial")
        assert evidence(text, q)[0] == "own-words"


def test_words_someone_else_said_inside_a_quote_are_not_the_speakers() -> None:
    text = '"When I asked, he kept saying \'maybe later\' and left," said Ann Cole.'
    assert quote(text, "maybe later").speaker is None
    text = "\"Then Tom Reyes told me 'never again'. I was shocked,\" said Ann Cole."
    assert quote(text, "never again").speaker in (None, "Tom Reyes")
    text = "\"I keep saying 'thank you' to everyone who helped,\" said Ann Cole."
    assert quote(text, "thank you").speaker == "Ann Cole"


def test_the_nominative_person_before_the_verb_speaks_across_an_aside() -> None:
    text = (
        "Новини міста\n\n"
        "Вчора мер міста Андрій Коваль на питання журналістів, чи залишиться Петренко, "
        'відповів "Так, звичайно".'
    )
    q = quote(text, "Так, звичайно", "uk")
    assert (q.speaker, q.speaker_confidence) == ("Андрій Коваль", "explicit")
    assert evidence(text, q)[0] == "nominative-subject"


def test_the_nominative_rule_wants_the_verbs_gender_and_one_subject() -> None:
    # the verb is a woman's, the one nominative name a man's: nobody
    text = (
        "Новини міста\n\n"
        "Вчора мер міста Андрій Коваль на питання журналістів, чи залишиться Петренко, "
        'відповіла "Так, звичайно".'
    )
    assert quote(text, "Так, звичайно", "uk").speaker is None
    # two people in the nominative: whose words?
    text = (
        "Новини міста\n\n"
        "Вчора Андрій Коваль і Ольга Мельник на питання журналістів, чи залишиться Петренко, "
        'відповів "Так, звичайно".'
    )
    assert quote(text, "Так, звичайно", "uk").speaker is None


def test_the_source_points_back_to_the_unnamed_person_last_quoted() -> None:
    text = (
        "Band splits\n\n"
        '"They stopped talking months ago," a friend of the drummer told the Gazette. '
        '"Nobody was surprised."\n\n'
        "The last tour ended in March, the source said. \"The bus was silent for weeks.\"\n\n"
        "The Gazette spoke to another insider who confirmed the split. \"It is final.\" "
        'As for the reasons, the source added, "Money, as always."'
    )
    assert quote(text, "Nobody was surprised").speaker == "a friend of the drummer"
    q = quote(text, "The bus was silent")
    assert (q.speaker, evidence(text, q)[0]) == ("a friend of the drummer", "source")
    assert quote(text, "It is final").speaker == "another insider"
    assert quote(text, "Money, as always").speaker == "another insider"


def test_the_source_never_reaches_past_a_named_speaker() -> None:
    text = (
        "Band splits\n\n"
        '"They stopped talking months ago," a friend of the drummer told the Gazette.\n\n'
        '"We are fine," the singer, Mia Holt, said on Monday.\n\n'
        'The source added, "It is over."'
    )
    assert quote(text, "It is over").speaker is None


def test_german_verb_first_after_a_quote_names_a_person_or_a_body() -> None:
    text = (
        "Neue Brücke eröffnet\n\n"
        "„Das ist ein großer Tag für die Stadt“, hat Petra Lindner am Montag den Gästen erklären lassen. "
        "„Endlich fahren die Busse wieder“, jubelt der Fahrgastverband Pro Bahn.\n\n"
        "Am Abend feierte auch Bürgermeisterin Anna Vogt. „Ich bin einfach glücklich“, strahlt sie."
    )
    q = quote(text, "Das ist ein großer Tag", "de")
    assert (q.speaker, q.speaker_confidence) == ("Petra Lindner", "explicit")
    assert quote(text, "Endlich fahren", "de").speaker == "Pro Bahn"
    q = quote(text, "Ich bin einfach", "de")
    assert (q.speaker, evidence(text, q)[0]) == ("Anna Vogt", "pronoun")


def test_german_sie_after_a_quote_never_reaches_an_earlier_paragraph() -> None:
    # the paragraph names nobody before the quote: the woman of the paragraph before
    # is not guessed, nor is a man of the same paragraph
    text = (
        "Neue Brücke eröffnet\n\n"
        "Nationalrätin Maria Keller lobt die Pläne.\n\n"
        "Nach der Wahl war auch der Präsident Jonas Brandt zufrieden. „Ich bin einfach glücklich“, strahlt sie."
    )
    assert quote(text, "Ich bin einfach", "de").speaker is None


def test_a_headline_quote_cut_with_an_ellipsis_echoes_the_body_quote() -> None:
    text = (
        '"Go and read the rules...": Mills walks out of press conference\n\n'
        "Coach Dan Mills was short with reporters on Sunday.\n\n"
        '"Go and read the rules, then ask again," Mills said.'
    )
    assert quote(text, "Go and read the rules...").speaker == "Dan Mills"


def test_a_german_surname_alone_after_sagte_when_it_never_follows_an_article() -> None:
    text = (
        "Brandt lobt den Senat\n\n"
        "„Wir haben viel geschafft“, sagte Brandt der Zeitung. Die Opposition sieht das anders."
    )
    q = quote(text, "Wir haben viel", "de")
    assert (q.speaker, q.speaker_confidence) == ("Brandt", "explicit")


def test_a_german_noun_after_sagte_is_no_name() -> None:
    # 'Verwaltung' stands after 'die' elsewhere: a noun, whatever its capital
    text = (
        "Die Verwaltung und der Senat\n\n"
        "Die Verwaltung prüft den Antrag. „Wir haben viel geschafft“, sagte Verwaltung dem Blatt."
    )
    assert quote(text, "Wir haben viel", "de").speaker is None
    # seen only once: no evidence
    text = "Bericht\n\n„Wir haben viel geschafft“, sagte Kessler dem Blatt."
    assert quote(text, "Wir haben viel", "de").speaker is None


def test_inner_quotes_joined_by_and_share_what_the_sentence_credits() -> None:
    text = (
        'Director Ann Cole issued a statement:\n\n'
        '"The ministry closed our office for what the government calls \'false news\' and '
        '\'hostile reporting\' on the protests. We reject this."'
    )
    assert quote(text, "false news").speaker == "the government"
    assert quote(text, "hostile reporting").speaker == "the government"


def test_words_a_document_reads_are_the_documents() -> None:
    text = (
        "Strike at the port\n\n"
        'Pickets handed out flyers to drivers. "Fair pay for every shift," read one leaflet. '
        '"Ask your boss where the money went."'
    )
    q = quote(text, "Fair pay")
    assert (q.speaker, q.speaker_confidence) == ("one leaflet", "explicit")
    assert quote(text, "Ask your boss").speaker == "one leaflet"


def test_read_before_anything_but_a_document_credits_nobody() -> None:
    text = 'Strike at the port\n\n"Fair pay for every shift," read the chairman of the union slowly.'
    assert quote(text, "Fair pay").speaker != "the chairman"


def test_german_reported_speech_before_any_quote_is_the_one_person_named() -> None:
    text = (
        "Haushalt beschlossen\n\n"
        "Bürgermeisterin Karin Vogt hat ihre Rede im Rat genutzt, um den Haushalt zu loben. "
        "Der Plan sei keine Notlösung, „sondern ein Aufbruch für die Stadt“."
    )
    q = quote(text, "sondern ein Aufbruch", "de")
    assert (q.speaker, evidence(text, q)[0]) == ("Karin Vogt", "reported-speech")


def test_german_reported_speech_never_goes_to_the_one_addressed() -> None:
    text = (
        "Haushalt beschlossen\n\n"
        "Und nun, Herr Bauer: „Der Rat streitet zu viel“, findet der Regierende. "
        "Es werde „zu wenig an den Problemen gearbeitet“."
    )
    assert quote(text, "zu wenig an den", "de").speaker is None


def test_the_other_side_of_a_match_does_not_interrupt_the_speaker() -> None:
    text = (
        "Pokal\n\n"
        '„Wir sind bereit“, sagte Trainer Jonas Brandt am Montag.\n\n'
        'Vor dem Spiel gegen Hans Berger ist der Plan klar: „Wir wollen früh angreifen.“'
    )
    assert quote(text, "Wir wollen früh", "de").speaker == "Jonas Brandt"
    # someone named otherwise between the two quotes stops the carrying over
    text = (
        "Pokal\n\n"
        '„Wir sind bereit“, sagte Trainer Jonas Brandt am Montag.\n\n'
        'Kapitän Hans Berger sieht den Plan klar: „Wir wollen früh angreifen.“'
    )
    assert quote(text, "Wir wollen früh", "de").speaker != "Jonas Brandt"


def test_about_this_in_the_next_sentence_credits_the_words_before_it() -> None:
    text = (
        "Новини\n\n"
        "Міністр освіти Андрій Коваль провів літо «у роботі над собою».\n\n"
        "Про це він сказав журналістам у понеділок, відповідаючи на питання про відпустку."
    )
    q = quote(text, "у роботі над собою", "uk")
    assert (q.speaker, q.kind, evidence(text, q)[0]) == ("Андрій Коваль", "partial", "about-this")


def test_about_this_with_another_subject_credits_that_one_or_nobody() -> None:
    text = (
        "Новини\n\n"
        "Міністр освіти Андрій Коваль провів літо «у роботі над собою».\n\n"
        "Про це повідомила Ольга Мельник, його речниця."
    )
    assert quote(text, "у роботі над собою", "uk").speaker in (None, "Ольга Мельник")


def test_a_german_capitalised_epithet_is_the_headline_subject() -> None:
    text = (
        "Brandt lobt den Senat\n\n"
        "Und nun, Herr Bauer: „Der Senat arbeitet gut“, findet der Regierende. "
        "„Wir haben viel geschafft“, sagte Brandt der Zeitung."
    )
    q = quote(text, "Der Senat arbeitet", "de")
    assert (q.speaker, q.speaker_confidence, evidence(text, q)[0]) == ("Brandt", "inferred", "role-noun")


def test_a_german_capitalised_epithet_without_a_headline_subject_names_nobody() -> None:
    # the headline opens with no person: the one addressed is never the answer
    text = (
        "Lob für den Senat\n\n"
        "Und nun, Herr Bauer: „Der Senat arbeitet gut“, findet der Regierende."
    )
    assert quote(text, "Der Senat arbeitet", "de").speaker is None


def test_a_headline_quote_over_an_article_with_one_voice_is_that_voice() -> None:
    body = (
        "Porte-parole de la police, Marc Perrin, confirme la décision.\n\n"
        "« Nous restons prudents », a déclaré Marc Perrin.\n\n"
        "« Les patrouilles sont doublées », a-t-il ajouté.\n\n"
        "« Il n'y a pas de panique », poursuit le porte-parole."
    )
    text = "Alerte en ville: « Nous sommes en vigilance »\n\n" + body
    q = quote(text, "Nous sommes en vigilance", "fr")
    assert (q.speaker, q.speaker_confidence, evidence(text, q)[0]) == ("Marc Perrin", "inferred", "sole-voice")


def test_a_headline_quote_over_two_voices_names_nobody() -> None:
    text = (
        "Alerte en ville: « Nous sommes en vigilance »\n\n"
        "« Nous restons prudents », a déclaré Marc Perrin.\n\n"
        "« Les patrouilles sont doublées », a-t-il ajouté.\n\n"
        "« Il faut plus de moyens », a répondu la maire Claire Dumas."
    )
    assert quote(text, "Nous sommes en vigilance", "fr").speaker is None


def test_ukrainian_given_names_missing_from_faker_still_mark_a_person() -> None:
    from summarize.quotes.given_names import gender, is_given_name

    assert is_given_name("Юлія") and gender("Юлія") == "f"
    assert is_given_name("Микола") and gender("Микола") == "m"
    text = (
        "Засідання суду\n\n"
        "Під час виступу на засіданні суду депутатка Юлія Кравець звернулася «Шановні колеги»."
    )
    q = quote(text, "Шановні колеги", "uk")
    assert (q.speaker, q.kind) == ("Юлія Кравець", "partial")


def test_a_group_named_in_an_aside_speaks_under_that_name() -> None:
    text = (
        "Protest at the town hall\n\n"
        'The group, called Open Streets, said they wanted to expose the council\'s "broken promises" '
        'and "fight for cleaner air".'
    )
    assert quote(text, "fight for cleaner air").speaker == "Open Streets"
    q = quote(text, "broken promises")
    assert (q.speaker, q.speaker_confidence) == ("Open Streets", "explicit")


def test_a_person_called_something_is_not_a_group_name() -> None:
    text = (
        "Protest at the town hall\n\n"
        'The mayor, called Tiny by friends, said the plan was "parking madness".'
    )
    assert quote(text, "parking madness").speaker != "Tiny"


def test_a_given_name_set_after_a_kinship_noun_is_the_pronouns_person() -> None:
    text = (
        "Verdict in the fraud trial\n\n"
        "Tom Hale was sent to prison for six years.\n\n"
        "His wife, Maria, watched from the gallery.\n\n"
        'After the verdict, she said: "Tom is innocent and we will appeal."'
    )
    q = quote(text, "Tom is innocent")
    assert (q.speaker, evidence(text, q)[0]) == ("Maria", "pronoun")


def test_a_kinship_noun_before_a_place_or_a_man_gives_she_nobody() -> None:
    text = (
        "Verdict in the fraud trial\n\n"
        "Tom Hale was sent to prison for six years.\n\n"
        "His son, Peter, watched from the gallery.\n\n"
        'After the verdict, she said: "Tom is innocent and we will appeal."'
    )
    assert quote(text, "Tom is innocent").speaker is None
