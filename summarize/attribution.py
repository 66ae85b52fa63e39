"""Who said a quote: attribution cues, person names and pronouns.

Split from ``quotes.py`` because finding quote marks and naming speakers are two
separate problems: marks are a matter of characters, speakers of words. The rules
cover English, Ukrainian (and most Russian), German and French news style; all
cue words are matched at once so that no language code is required, and the
language only settles words that mean different things in different languages.
Everything is plain ``re`` so that the detector stays fast and dependency-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- lexicons -------------------------------------------------------------------

_EN_VERBS = (
    "said|says|say|added|adds|told|tells|telling|stated|states|declared|announced|"
    "accused|accusing|accuses|explained|explains|noted|notes|wrote|writes|asked|asks|replied|replies|insisted|"
    "insists|warned|warns|argued|argues|continued|recalled|recalls|remarked|"
    "acknowledged|admitted|conceded|claimed|claims|stressed|stresses|emphasized|"
    "emphasised|observed|commented|responded|concluded|cautioned|suggested|predicted|"
    "complained|joked|quipped|shouted|urged|vowed|pledged|promised|posted|tweeted|"
    "echoed|saying|adding|reiterated|confirmed|countered|testified|mused|agreed|"
    "according to|went on|goes on|told reporters|said in a statement"
)
_UK_STEMS = (
    "сказа|заяви|зазначи|повідоми|дода|наголоси|підкресли|поясни|написа|розпові|"
    "відпові|зауважи|запевни|констатува|резюмува|нагада|попереди|визна|уточни|"
    "закликa|прокоментува|висловив|розказа|повтори|підсумува|додава|казa|"
    "сказа|заяви|отметил|отметила|добави|ответи|сообщи|рассказа|подчеркну|"
    "пояснил|пояснила"
)
_UK_PRESENT = (
    "каже|кажуть|говорить|говорять|заявляє|заявляють|наголошує|зазначає|пише|пишуть|"
    "додає|розповідає|вважає|переконаний|переконана|пояснює|підкреслює|стверджує|"
    "повідомляє|повідомляють|запевняє|говорит|пишет|считает|заявляет|"
    "за словами|як заявив|як заявила|на думку|по словам"
)
_DE_VERBS = (
    "sagte|sagt|sagten|erklärte|erklärt|betonte|betont|meinte|meint|schrieb|schreibt|"
    "fügte|warnte|warnt|kritisierte|forderte|teilte|erläuterte|versicherte|"
    "unterstrich|bekräftigte|räumte|ergänzte|mahnte|berichtete|antwortete|"
    "sagte er|sagte sie|laut|warf|wirft|nach eigenen worten|eigenen angaben zufolge|"
    "zufolge|zitiert|hieß es"
)
_FR_PARTICIPLES = (
    "déclaré|dit|affirmé|expliqué|ajouté|souligné|indiqué|assuré|estimé|martelé|"
    "lancé|répondu|précisé|averti|confié|insisté|reconnu|prévenu|rappelé|poursuivi|"
    "annoncé|écrit|jugé|dénoncé|commenté|noté|observé|réagi|regretté|promis|raconté|"
    "glissé|lâché|résumé|salué|ironisé|tranché|admis|concédé|souri|plaidé|détaillé|"
    "fustigé|protesté|répété|confirmé|rétorqué|soupiré|témoigné|avoué|"
    "assuré|déploré|reconnu|qualifié"
)
_FR_PRESENT = (
    "déclare|dit|affirme|explique|ajoute|souligne|indique|assure|estime|martèle|"
    "lance|répond|précise|avertit|confie|insiste|reconnaît|prévient|rappelle|poursuit|"
    "annonce|écrit|juge|dénonce|commente|note|observe|selon|d'après|d’après"
)

# One alternation for every language: a cue word of one language is almost never a
# word of another, and matching them together means ``lang`` is optional.
_SPEECH = re.compile(
    r"(?<![\w-])(?:"
    rf"(?:a|ont|avait|aurait)\s+(?:{_FR_PARTICIPLES})"
    r"|(?:a|avait|aurait)-t?-?(?P<fr_inv1>il|elle|on)\s+[^\W\d_]+"
    r"|за\s+(?P<uk_poss>його|її)\s+словами"
    rf"|(?:{_FR_PRESENT})-(?:t-)?(?P<fr_inv2>il|elle|on)"
    rf"|{_EN_VERBS}|{_DE_VERBS}|{_FR_PRESENT}"
    rf"|(?:{_UK_STEMS})(?:в|ла|ли|ло|л)|{_UK_PRESENT}"
    r")(?![\w-])",
    re.IGNORECASE,
)
_SO_CUE = re.compile(r"(?<![\w-])so(?=\s+(?:der|die|[A-ZÄÖÜ]))")

_PRONOUNS = {
    "he": "m", "she": "f", "він": "m", "вона": "f", "он": "m", "она": "f",
    "er": "m", "sie": "f", "il": "m", "elle": "f",
}
_TITLES = frozenset(
    ["president", "vice", "prime", "minister", "secretary", "chancellor", "spokesman", "spokeswoman", "spokesperson", "general", "gen", "gen.", "lt", "lt.", "col", "col.", "colonel", "major", "maj", "maj.", "capt", "capt.", "captain", "sgt", "sgt.", "sergeant", "admiral", "adm", "adm.", "commander", "chief", "director", "ambassador", "senator", "sen", "sen.", "rep", "rep.", "representative", "governor", "gov", "gov.", "mayor", "judge", "justice", "pope", "king", "queen", "prince", "princess", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "sir", "dame", "lord", "lady", "prof", "prof.", "professor", "rev", "rev.", "reverend", "father", "sheikh", "ceo", "chairman", "chairwoman", "chair", "leader", "speaker", "deputy", "foreign", "defense", "defence", "interior", "finance", "state", "health", "attorney", "officer", "official", "coach", "manager", "head", "striker", "goalkeeper", "midfielder", "defender", "forward", "founder", "author", "analyst", "economist", "lawyer", "mp", "mep", "congressman", "congresswoman", "councillor", "premier", "emir", "commissioner", "ombudsman", "inspector", "secretary-general", "attorney-general", "president-elect", "herr", "frau", "m.", "mme", "mme.", "mlle", "pan", "pani", "democrat", "republican", "farmer", "detective", "parent", "teacher", "nurse", "doctor", "resident", "driver", "constable", "firefighter", "superintendent", "councilwoman", "councilman", "alderman", "trustee", "principal", "headteacher", "student", "owner", "landlord", "shopkeeper", "veteran", "activist", "campaigner", "protester", "winger", "batsman", "bowler", "skipper", "pilot", "engineer", "scientist", "researcher", "historian", "prosecutor", "witness", "survivor", "widow", "neighbour", "neighbor", "sheriff", "archbishop", "bishop", "cardinal", "rabbi", "imam", "pastor", "vicar", "chef", "artist", "novelist", "singer", "actor", "actress", "producer", "comedian", "presenter", "host", "anchor", "journalist", "editor", "columnist", "photographer", "curator", "architect", "designer", "entrepreneur", "banker", "investor", "trader", "broker", "negotiator", "mediator", "diplomat", "envoy", "consul", "lawmaker", "legislator", "candidate", "challenger", "incumbent", "opponent", "rival", "manager", "coach", "boss", "striker", "forecaster", "meteorologist", "spokeswoman", "agent", "me", "maître", "secrétaire", "avocat", "avocate", "directeur", "directrice", "député", "députée", "sénateur", "sénatrice", "maire", "responsable", "délégué", "déléguée", "vigneron", "viticulteur", "agriculteur", "procureur", "procureure", "juge", "réalisateur", "réalisatrice", "écrivain", "écrivaine", "chercheur", "chercheuse", "ministre", "autor", "autorin"]
)
_UK_TITLE_PREFIXES = (
    "президент", "міністр", "прем", "речни", "голов", "депутат", "генерал", "командувач",
    "посол", "посл", "мер", "радни", "керівни", "очільни", "заступни", "спікер",
    "начальни", "директор", "експерт", "аналітик", "тренер", "капітан", "секретар",
    "президент", "министр", "представник", "представниц", "лідер", "губернатор",
    "мэр", "глав", "пресс", "прес", "офіс", "віце", "фермер", "гончар", "синоптик",
    "лікар", "вчител", "учител", "мешкан", "волонтер", "військов", "жител", "студент",
    "пенсіонер", "підприєм", "економіст", "історик", "письменни", "режисер", "актор",
    "актрис", "співа", "журналіст", "адвокат", "прокурор", "судд", "поліцейськ",
    "рятувальни", "енергетик", "очільни", "директор", "засновни", "власни", "пан",
    "бізнесмен", "продюсер", "хірург", "медсестр", "професор", "доцент", "ректор",
)
_DE_TITLE_SUFFIXES = (
    "kanzler", "kanzlerin", "minister", "ministerin", "präsident", "präsidentin",
    "sprecher", "sprecherin", "chef", "chefin", "politiker", "politikerin",
    "vorsitzende", "vorsitzender", "meister", "meisterin", "botschafter",
    "botschafterin", "leiter", "leiterin", "direktor", "direktorin", "trainer",
    "trainerin", "experte", "expertin", "abgeordnete", "abgeordneter", "sekretär",
    "sekretärin", "kommissar", "kommissarin", "ministre", "président", "présidente",
    "porte-parole", "general", "generalin", "kommandeur", "stürmer", "torwart",
)
_ORG_WORDS = frozenset(
    ["council", "house", "ministry", "department", "office", "agency", "committee", "party", "union", "bank", "company", "group", "forces", "army", "navy", "university", "institute", "center", "centre", "service", "services", "news", "times", "post", "press", "guard", "command", "government", "parliament", "congress", "senate", "court", "commission", "organization", "organisation", "federation", "republic", "kingdom", "states", "nations", "corporation", "inc", "ltd", "association", "foundation", "fund", "club", "team", "league", "fc", "cf", "network", "tv", "radio", "reuters", "agence", "pentagon", "kremlin", "airlines", "police", "authority", "administration", "coalition", "alliance", "brigade", "battalion", "regiment", "street", "journal", "regierung", "ministerium", "bundestag", "partei", "polizei", "amt", "behörde", "zeitung", "verband", "bundesregierung", "bundeswehr", "kreml", "élysée", "ministère", "gouvernement", "assemblée", "matignon", "festival", "tour", "sénat", "arena", "stadium", "park", "hill", "square", "bridge", "street", "road", "avenue", "hospital", "school", "airport", "station"]
)
_NOT_NAMES = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "god"]
)
_CYR_NOT_NAME_PREFIXES = (
    "україн", "росі", "сша", "нато", "єс", "оон", "зсу", "мзс", "київ", "москв", "кремл",
    "білого", "дому", "європ", "німеччин", "франці", "польщ", "верховн", "ради", "рада",
    "генштаб", "міноборон", "офіс", "президента", "уряд", "кабмін", "харків", "одес",
    "львів", "донец", "бахмут", "херсон", "запоріж", "крим", "америк", "британ",
    "вашингтон", "пентагон", "сбу", "гур", "нбу", "мвф", "россии", "украин", "госдеп",
)
_STOP = frozenset(
    ["the", "a", "an", "but", "and", "or", "so", "then", "however", "meanwhile", "still", "yet", "also", "now", "in", "on", "at", "as", "when", "while", "after", "before", "if", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "for", "from", "with", "without", "by", "of", "to", "it", "he", "she", "they", "we", "i", "you", "there", "here", "according", "speaking", "asked", "later", "earlier", "last", "first", "both", "some", "many", "no", "not", "even", "only", "since", "because", "although", "though", "despite", "during", "over", "under", "among", "between", "into", "through", "what", "who", "why", "how", "where", "which", "yesterday", "today", "tonight", "instead", "and", "mr", "і", "й", "та", "але", "а", "в", "у", "на", "за", "як", "це", "цей", "ця", "ці", "він", "вона", "вони", "ми", "ще", "вже", "також", "тому", "коли", "після", "до", "під", "над", "про", "проте", "однак", "водночас", "тоді", "зокрема", "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "eines", "einem", "aber", "und", "auch", "doch", "dann", "im", "am", "an", "auf", "mit", "nach", "vor", "bei", "für", "von", "zu", "zum", "zur", "es", "er", "sie", "wir", "ich", "dies", "diese", "dieser", "als", "wenn", "laut", "so", "le", "la", "les", "l", "un", "une", "mais", "et", "puis", "en", "dans", "sur", "avec", "pour", "par", "de", "du", "des", "il", "elle", "ils", "nous", "je", "ce", "cette", "selon", "lors", "quand", "après", "avant"]
)
_ARTICLES = frozenset(
    ["the", "a", "an", "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "le", "la", "les", "un", "une"]
)
_PARTICLES = frozenset(["de", "da", "di", "del", "van", "von", "der", "den", "ter", "la", "le", "du", "bin", "al", "ibn", "dos", "das", "y"])
_FIRST_NAMES = frozenset(
    ["adam", "adrian", "alan", "albert", "alex", "alexander", "alexandre", "ali", "amir", "andrew", "andy", "anthony", "antoine", "anton", "arthur", "ben", "benjamin", "bernard", "bill", "bob", "brian", "bruce", "callum", "carl", "carlos", "carsten", "charles", "charlie", "chris", "christian", "christoph", "christopher", "colin", "craig", "daniel", "david", "dennis", "dev", "dominic", "edward", "elias", "eric", "erik", "felix", "florian", "francis", "françois", "frank", "fred", "gary", "george", "gerhard", "graham", "greg", "guillaume", "gunther", "günter", "hans", "harold", "harry", "hector", "henry", "hugo", "ian", "jack", "jacob", "jake", "james", "jamie", "jan", "jason", "jean", "jean-pierre", "jeff", "jens", "jim", "joachim", "joe", "johan", "johannes", "john", "jon", "jonas", "jonathan", "jordan", "jorge", "jose", "josé", "joseph", "juan", "julien", "jürgen", "karim", "karl", "keith", "kevin", "klaus", "lars", "leon", "liam", "louis", "luca", "lucas", "luis", "lukas", "marc", "marco", "marcus", "mario", "mark", "martin", "mathieu", "matthew", "matthias", "max", "michael", "michel", "mike", "mohamed", "mohammed", "nasir", "nathan", "neil", "nick", "nicolas", "niko", "noah", "oliver", "ollie", "omar", "owen", "pascal", "patrick", "paul", "pedro", "peter", "philip", "philippe", "pierre", "rafael", "ralf", "raymond", "richard", "rob", "robert", "roger", "ryan", "sam", "samuel", "sean", "sebastian", "sébastien", "simon", "stefan", "stephen", "steve", "steven", "thibaut", "thomas", "tim", "tobias", "tom", "tony", "uwe", "urs", "victor", "vincent", "walter", "werner", "william", "wolfgang", "yanis", "yannick", "yves", "abigail", "adaeze", "agnès", "alice", "alison", "amanda", "amara", "amy", "ana", "andrea", "angela", "angelika", "anja", "ann", "anna", "anne", "annette", "barbara", "bev", "beatrice", "birgit", "brigitte", "camille", "carmen", "caroline", "catherine", "charlotte", "chloe", "christina", "christine", "claire", "claudia", "dana", "denise", "diana", "elena", "elise", "élise", "elizabeth", "ellen", "emily", "emma", "esther", "eva", "fiona", "françoise", "gabriele", "grace", "gwen", "hanna", "hannah", "heike", "helen", "hélène", "ines", "ingrid", "isabel", "isabelle", "jana", "jane", "janet", "jennifer", "jessica", "joan", "judith", "julia", "julie", "karen", "katherine", "kathrin", "katrin", "kayla", "kerry", "laura", "lea", "léa", "lena", "lisa", "louise", "lucy", "margaret", "maria", "marie", "marion", "martina", "mary", "mathilde", "melanie", "michelle", "monika", "monique", "nadia", "nadine", "natalie", "nathalie", "nicole", "olivia", "patricia", "petra", "priya", "rachel", "rebecca", "rosa", "ruth", "sabine", "sandra", "sandrine", "sara", "sarah", "silvia", "simone", "sofia", "sophie", "stephanie", "susan", "susanne", "sylvie", "tanja", "ursula", "valérie", "vanessa", "victoria", "virginie", "yvonne", "zoe", "андрій", "олександр", "олексій", "сергій", "дмитро", "василь", "микола", "максим", "ярослав", "ігор", "олег", "петро", "іван", "володимир", "богдан", "тарас", "роман", "юрій", "віктор", "михайло", "павло", "денис", "артем", "олена", "ірина", "оксана", "наталія", "наталка", "марина", "катерина", "юлія", "ганна", "мирослава", "соломія", "тетяна", "світлана", "людмила", "ольга", "анна", "марія", "вікторія", "галина", "лариса", "алла", "інна", "софія", "дарина", "надія", "любов", "валентина"]
)
_RELATIVE = re.compile(
    r"^\s*(?:who|which|whose|whom|where|a|an|the|який|яка|яке|які|котрий|der|die|"
    r"qui|dont|also|himself|herself)\b",
    re.IGNORECASE,
)
_FEMALE_NAMES = frozenset(
    ["mary", "maria", "marie", "anna", "ana", "olena", "olha", "olga", "oksana", "iryna", "irina", "tetiana", "tatiana", "yulia", "julia", "natalia", "nataliya", "kateryna", "ekaterina", "svitlana", "lyudmila", "maryna", "marina", "halyna", "liudmyla", "viktoriia", "victoria", "alla", "larysa", "inna", "ursula", "annalena", "angela", "emmanuelle", "elisabeth", "élisabeth", "elizabeth", "kamala", "hillary", "nancy", "karine", "sarah", "sara", "laura", "linda", "susan", "karen", "jane", "janet", "kristalina", "christine", "claudia", "giorgia", "sanna", "kaja", "ylva", "emma", "sophie", "nicola", "liz", "theresa", "margaret", "agnès", "anne", "hanna", "ganna", "kira", "nadia", "nadiya", "lesia", "lesya", "daria", "darya", "sofia", "zoryana", "maud", "rachida", "ségolène"]
)
_MALE_NAMES = frozenset(
    ["john", "joe", "joseph", "james", "michael", "david", "robert", "william", "richard", "thomas", "charles", "donald", "barack", "george", "antony", "anthony", "lloyd", "jake", "mark", "paul", "peter", "boris", "vladimir", "volodymyr", "dmytro", "dmitry", "oleksii", "oleksandr", "alexander", "andrii", "andriy", "andrei", "sergey", "serhii", "mykhailo", "mykola", "yevgeny", "yevgen", "olaf", "emmanuel", "friedrich", "frank-walter", "robert", "jens", "kyiv", "ivan", "petro", "valerii", "valery", "kyrylo", "rustem", "denys", "denis", "jean", "pierre", "gabriel", "bruno", "jordan", "keir", "rishi", "mateusz", "andrzej", "donald", "recep", "xi", "narendra"]
)
_FEMALE_EXTRA = frozenset(
    ["abigail", "adaeze", "agnès", "alice", "alison", "amanda", "amara", "amy", "ana", "andrea", "angelika", "anja", "ann", "annette", "barbara", "bev", "beatrice", "birgit", "brigitte", "camille", "carmen", "caroline", "catherine", "charlotte", "chloe", "christina", "claire", "dana", "denise", "diana", "elena", "elise", "élise", "ellen", "emily", "esther", "eva", "fiona", "françoise", "gabriele", "grace", "gwen", "hanna", "hannah", "heike", "helen", "hélène", "ines", "ingrid", "isabel", "isabelle", "jana", "jennifer", "jessica", "joan", "judith", "julie", "katherine", "kathrin", "katrin", "kayla", "kerry", "lea", "léa", "lena", "lisa", "louise", "lucy", "marion", "martina", "melanie", "michelle", "monika", "monique", "nadine", "natalie", "nathalie", "nicole", "olivia", "patricia", "petra", "priya", "rachel", "rebecca", "rosa", "ruth", "sabine", "sandra", "sandrine", "silvia", "simone", "stephanie", "susanne", "sylvie", "tanja", "valérie", "vanessa", "virginie", "yvonne", "zoe", "imogen"]
)
_FEMALE_WORDS = frozenset(
    ["spokeswoman", "chairwoman", "congresswoman", "mrs", "mrs.", "ms", "ms.", "madam", "mme", "mme.", "frau", "речниця", "пані", "kanzlerin", "ministerin", "präsidentin", "sprecherin"]
)
_MALE_WORDS = frozenset(["spokesman", "chairman", "congressman", "mr", "mr.", "herr", "m.", "пан", "речник"])

_WORD = re.compile(r"[^\W\d_]\.(?=\s)|[^\W\d_][\w'’ʼ-]*")
_END_OF_CLAUSE = re.compile(r"[.!?;]\s|[.!?;]$|[\"“”„«»‹›]|\n")
_CLAUSE_MARK = re.compile(r"[\"“”„«»‹›;:!?]|\.(?=\s)")
_ABBREV_BEFORE = re.compile(r"(?:\b[A-Z]|Dr|Mr|Ms|Mrs|St|Jr|Sr|Gen|Col|Lt|Sen|Rep|Gov|Prof|Me)\.$")
_LEAD = re.compile(r"[\s,;:]*(?:[—–-]{1,2}\s*)?")
_INTRO_PUNCT = ":,—–-"


# --- names ----------------------------------------------------------------------


def _is_acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_title(tok: str, exact: bool = False) -> bool:
    """A title or role word. ``exact`` skips the German compound rule
    (Bundeskanzler, DWD-Meteorologin), which would take a surname such as
    'Westminister' for a role where no name follows it."""
    low = tok.lower().rstrip(".")
    if low in _TITLES or low + "." in _TITLES:
        return True
    if not exact and any(low.endswith(s) for s in _DE_TITLE_SUFFIXES) and len(low) > 4:
        return True
    return _is_cyr(low) and low.startswith(_UK_TITLE_PREFIXES)


def _is_cyr(tok: str) -> bool:
    return bool(tok) and "\u0400" <= tok[0] <= "\u04ff"


def _strip_possessive(tok: str) -> tuple[str, bool]:
    for suffix in ("'s", "’s", "ʼs"):
        if tok.endswith(suffix):
            return tok[: -len(suffix)], True
    if tok.endswith(("'", "’")) and tok[:-1].endswith("s"):
        return tok[:-1], True
    return tok.rstrip("'’ʼ-"), False


@dataclass(frozen=True)
class Run:
    """A stretch of capitalised words: a candidate name, title or organisation."""

    start: int
    end: int
    tokens: tuple[str, ...]  # as written, possessive stripped
    name: tuple[str, ...]  # what is left after titles, stop words and places
    possessive: bool
    org: bool
    titled: bool  # a title word preceded the name ("President Joe Biden")
    after_article: bool

    @property
    def person(self) -> bool:
        """Could this run be a person's name (as opposed to a place, body or role)?"""
        if not self.name or self.org or self.possessive:
            return False
        return not (self.after_article and not self.titled)


def name_runs(text: str, start: int = 0, end: int | None = None) -> list[Run]:
    """Capitalised word runs in ``text[start:end]``, with titles split off.

    Why runs rather than a name list: news names are open-ended, and the article
    itself is the only gazetteer we have.
    """
    end = len(text) if end is None else end
    runs: list[Run] = []
    cur: list[tuple[int, int, str]] = []

    def flush() -> None:
        if cur:
            runs.append(_make_run(text, cur))
            cur.clear()

    for m in _WORD.finditer(text, start, end):
        tok = m.group()
        gap = text[cur[-1][1] : m.start()] if cur else ""
        joined = bool(cur) and gap in (" ", "\u00a0") and not cur[-1][2].endswith(("'s", "’s"))
        if tok[0].isupper() and not _is_acronym(tok) and tok.lower() not in _NOT_NAMES:
            if not joined:
                flush()
            cur.append((m.start(), m.end(), tok))
        elif joined and tok in _PARTICLES and m.end() < end:
            nxt = text[m.end() : m.end() + 2]
            if len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper():
                cur.append((m.start(), m.end(), tok))
            else:
                flush()
        else:
            flush()
    flush()
    return runs


def _make_run(text: str, items: list[tuple[int, int, str]]) -> Run:
    toks = [t for _, _, t in items]
    last, possessive = _strip_possessive(toks[-1])
    toks[-1] = last
    toks = [t.rstrip("'’ʼ") if i < len(toks) - 1 else t for i, t in enumerate(toks)]
    lows = [t.lower() for t in toks]
    org = any(w in _ORG_WORDS for w in lows)
    i = 0
    while i < len(toks) and lows[i] in _STOP:
        i += 1
    titled = False
    for j in range(len(toks) - 1, i - 1, -1):
        if _is_title(toks[j], exact=j == len(toks) - 1):
            titled = True
            i = j + 1
            break
    for j in range(len(toks) - 1, i - 1, -1):
        if re.match(r"[LlDd]['’]\w", toks[j]):
            titled, i = True, j + 1  # L’astrophysicienne Camille Roussel
            break
    name = [t for t in toks[i:] if not (_is_cyr(t) and t.lower().startswith(_CYR_NOT_NAME_PREFIXES))]
    while name and name[-1] in _PARTICLES:
        name.pop()
    if len(name) >= 3 and not any(t in _PARTICLES or t.endswith(".") for t in name):
        # "Pendler Klaus Meier", "Hertha-Coach Stefan Loibl": a name is two words,
        # unless the middle one is a patronymic (Володимир Олександрович Зеленський)
        keep = 3 if re.search(r"(?:ович|евич|йович|івна|ївна|овна)$", name[-2]) else 2
        if name[-keep].lower() in _FIRST_NAMES or name[0].lower() not in _FIRST_NAMES:
            titled = titled or keep < len(name)
            name = name[-keep:]
    before = text[max(0, items[0][0] - 8) : items[0][0]].split()
    after_article = bool(before) and before[-1].lower() in _ARTICLES
    return Run(items[0][0], items[-1][1], tuple(toks), tuple(name), possessive, org, titled, after_article)


def _stem_match(a: str, b: str) -> bool:
    """Same word up to an inflectional ending (Зеленського ~ Зеленський, Kirby's ~ Kirby)."""
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4:
        return False
    n = 0
    for x, y in zip(a.lower(), b.lower()):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= max(len(a), len(b)) - 3 and (_is_cyr(a) or n >= max(len(a), len(b)) - 1)


def gender_of(tokens: tuple[str, ...], context: str = "") -> str | None:
    """Best guess at 'm'/'f' from first names, surname endings and role words."""
    ctx = set(context.lower().split())
    if ctx & _FEMALE_WORDS:
        return "f"
    if ctx & _MALE_WORDS:
        return "m"
    if not tokens:
        return None
    first = tokens[0].lower()
    if first in _FEMALE_NAMES or first in _FEMALE_EXTRA:
        return "f"
    if first in _MALE_NAMES or first in _FIRST_NAMES:
        return "m" if not (_is_cyr(first) and first.endswith(("а", "я"))) else "f"
    last = tokens[-1].lower()
    if _is_cyr(last):
        if last.endswith(("ська", "цька", "ова", "ева", "єва", "іна", "ина")):
            return "f"
        if len(tokens) >= 2:
            return "f" if first.endswith(("а", "я")) and first not in _UK_MALE_A else "m"
    return None


# --- cues -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """An attribution found in the text: a name, a pronoun, or only a role."""

    span: tuple[int, int]
    name: tuple[str, ...] = ()
    pronoun: str | None = None  # 'm' or 'f' when the cue is a pronoun
    gender: str | None = None
    verb: str = ""  # the speech verb, whose ending gives the gender in Ukrainian


class Attributor:
    """Finds attribution cues around quotes and turns them into full names."""

    def __init__(self, text: str, lang: str, masked: list[tuple[int, int]]) -> None:
        self.text = text
        self.lang = lang
        self.masked = masked  # quote interiors: cue words there are someone's speech
        self.runs = [
            r for r in name_runs(text) if r.name and not r.org and not r.possessive and not self._in_mask(r.start)
        ]
        self.by_stem: dict[str, list[Run]] = {}
        for r in self.runs:
            for w in set(r.name):
                self.by_stem.setdefault(w[:4].lower(), []).append(r)
        self.genders: dict[str, str] = {}
        self.events: list[tuple[int, str]] = []  # (position, full name) of speakers
        self._people: list[tuple[int, str]] | None = None

    # -- finding cues

    def _speech(self, s: int, e: int) -> list[re.Match[str]]:
        found = [m for m in _SPEECH.finditer(self.text, s, e) if not self._in_mask(m.start())]
        if self.lang == "de":
            found += [m for m in _SO_CUE.finditer(self.text, s, e) if not self._in_mask(m.start())]
            found.sort(key=lambda m: m.start())
        return [m for m in found if self._verb_ok(m)]

    def _verb_ok(self, m: re.Match[str]) -> bool:
        word = m.group().lower()
        if word in ("dit", "note", "says", "say", "states", "notes", "claims", "so"):
            return self.lang in ("fr", "de") if word in ("dit", "note", "so") else True
        if word in ("laut", "selon", "d'après", "d’après", "according to", "за словами"):
            return True
        return True

    def _in_mask(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.masked)

    def after(self, pos: int, limit: int, strict: int) -> Cue | None:
        """A cue right after a closing mark: '," Kirby said', '», — заявив він'.

        ``strict`` is how many words may stand between the mark and the verb; a
        quote that ended its sentence allows fewer, since what follows it is more
        likely the next sentence than an attribution.
        """
        lead = _LEAD.match(self.text, pos, limit)
        p = lead.end() if lead else pos
        window_end = min(limit, p + 220)
        stop = _END_OF_CLAUSE.search(self.text, p, window_end)
        if stop:
            window_end = stop.start()
        verbs = self._speech(p, window_end)
        if not verbs:
            return None
        v = verbs[0]
        before = self.text[p : v.start()]
        if len(before.split()) > strict:
            return None
        return self._subject(p, v, window_end)

    def before(self, sent_start: int, pos: int) -> Cue | None:
        """A cue ending just before an opening mark: 'Kirby said: "', 'Як заявив X, «'."""
        seg = self.text[sent_start:pos].rstrip()
        verbs = self._speech(sent_start, pos)
        if verbs:
            v = verbs[-1]
            tail = self.text[v.end() : pos].strip()
            if not tail or tail[-1] in _INTRO_PUNCT or len(tail.split()) <= 8:
                return self._subject(sent_start, v, pos)
        if seg and seg[-1] in ":—–":
            poss = re.search(r"\b(his|her|sein|seine|ihr|ihre|його|її)\b", seg, re.IGNORECASE)
            runs = [
                r for r in name_runs(self.text, sent_start, pos)
                if r.name and not r.org and not (r.after_article and not r.titled)
            ]
            if runs:
                r = runs[-1]
                return Cue((r.start, r.end), r.name)
            if poss:
                g = "m" if poss.group(1).lower() in ("his", "sein", "seine", "його") else "f"
                return Cue((sent_start + poss.start(), sent_start + poss.end()), pronoun=g, gender=g)
            if seg[-1] == ":":
                return Cue((sent_start, pos))  # "An official put it this way:" names nobody
        return None

    def within(self, start: int, end: int) -> tuple[Cue, int, int] | None:
        """A cue between commas or dashes inside one pair of marks (French, Ukrainian).

        « C'est fini, a-t-il dit, nous partons. » and «Так, — сказав він. — Ні»
        are one quotation with the attribution sitting inside it.
        """
        for m in re.finditer(r"(?:,\s*(?:[—–]\s*)?|[.!?…]\s+[—–]\s*|\s[—–]\s*)", self.text[start:end]):
            p = start + m.end()
            stop = re.search(r"[,.!?;]\s*(?:[—–]\s*)?", self.text[p:end])
            if not stop:
                continue
            w_end = p + stop.start()
            verbs = [v for v in _SPEECH.finditer(self.text, p, w_end)]
            if not verbs:
                continue
            v = verbs[0]
            if len(self.text[p : v.start()].split()) > 3:
                continue
            cue = self._subject(p, v, w_end)
            if cue and (cue.name or cue.pronoun):
                sep = start + m.start()
                first_end = sep + 1 if self.text[sep] in ",.!?…" else sep
                second = p + stop.end()
                # "a réagi son avocat, Me Julien Ferrand, avoir…", "assure Pierre
                # Lacoste, vigneron à Pommard, mais…": an appositive still belongs
                # to the attribution
                nxt = re.match(r"([^,.;!?]{1,60}),\s*", self.text[second:end])
                if nxt and self.text[second - 2 : second].strip() == ",":
                    words = nxt.group(1).split()
                    runs = [r for r in name_runs(self.text, second, second + len(nxt.group(1))) if r.person]
                    if (runs and len(words) <= 4 and words[0][:1].isupper()) or (
                        words and _is_title(words[0], exact=True) and len(words) <= 6
                    ):
                        if runs and not cue.name:
                            r = runs[0]
                            cue = Cue((r.start, r.end), r.name, verb=v.group())
                        second += nxt.end()
                if second < end and first_end > start:
                    return cue, first_end, second
        return None

    def in_sentence(self, sent_start: int, sent_end: int, q_start: int, q_end: int) -> Cue | None:
        """The speech verb of the writer's sentence around a partial quote."""
        verbs = self._speech(sent_start, sent_end)
        pre = [v for v in verbs if v.end() <= q_start]
        post = [v for v in verbs if v.start() >= q_end]
        for v in pre[::-1] + post:
            cue = self._subject(sent_start, v, sent_end)
            if cue is not None and (cue.name or cue.pronoun):
                return cue
        return None

    def _subject(self, clause_start: int, v: re.Match[str], clause_end: int) -> Cue | None:
        """Who the verb ``v`` belongs to: the words before it, or else after it."""
        groups = v.groupdict()
        inv = groups.get("fr_inv1") or groups.get("fr_inv2") or groups.get("uk_poss")
        if inv:
            g = "f" if inv.lower() in ("elle", "її") else "m"
            return Cue((v.start(), v.end()), pronoun=g, gender=g)
        for mark in _CLAUSE_MARK.finditer(self.text, clause_start, v.start()):
            if mark.group() == "." and _ABBREV_BEFORE.search(self.text, max(0, mark.start() - 4), mark.start() + 1):
                continue
            clause_start = mark.end()
        cue = self._left(clause_start, v.start())
        if cue is not None:
            cue = Cue(cue.span, cue.name, cue.pronoun, cue.gender, v.group())
        if cue is not None and (cue.name or cue.pronoun):
            return cue
        left_words = self.text[clause_start : v.start()].lower().split()
        if cue is None or all(w.strip(",") in _STOP for w in left_words):
            # "Про це повідомив Андрій Сибіга", "said John Kirby": the name follows
            right = self._right(v.end(), clause_end, v)
            if right is not None:
                return Cue(right.span, right.name, right.pronoun, right.gender, v.group())
        return cue

    def _left(self, s: int, e: int) -> Cue | None:
        segs = self.text[s:e].split(",")
        offs = []
        o = s
        for seg in segs:
            offs.append((o, o + len(seg)))
            o += len(seg) + 1
        last_s, last_e = offs[-1]
        if self.text[last_s:last_e].strip():
            return self._np(last_s, last_e, pick_last=True)
        if len(segs) >= 2:
            s2, e2 = offs[-2]
            seg2 = self.text[s2:e2]
            if not _RELATIVE.match(seg2):
                cue = self._np(s2, e2, pick_last=True, whole=True)
                if cue is not None and cue.name:
                    return cue
            if len(segs) >= 3:
                s3, e3 = offs[-3]
                return self._np(s3, e3, pick_last=True)
        return None

    def _right(self, s: int, e: int, v: re.Match[str]) -> Cue | None:
        stop = re.search(r"[.;:!?]|\s[—–]\s|\n", self.text[s:e])
        e = s + stop.start() if stop else e
        segs = self.text[s:e].split(",")
        o = s
        first = True
        for seg in segs[:3]:
            if seg.strip():
                cue = self._np(o, o + len(seg), pick_last=False, whole=not first)
                if cue is not None and (cue.name or cue.pronoun):
                    return cue
                if first and cue is not None and not cue.name:
                    # "said the bank's governor, Maria Lind": the role comes first
                    first = False
                    o += len(seg) + 1
                    continue
                return cue if first else None
            o += len(seg) + 1
            first = False
        return None

    def _np(self, s: int, e: int, pick_last: bool, whole: bool = False) -> Cue | None:
        """Read a noun phrase: a pronoun, a person's name, or a bare role (→ no name)."""
        words = self.text[s:e].split()
        if not words:
            return None
        edge = words[-1] if pick_last else words[0]
        g = _PRONOUNS.get(edge.lower())
        if g and self._pronoun_ok(edge.lower()):
            i = self.text.rfind(edge, s, e) if pick_last else self.text.find(edge, s, e)
            return Cue((i, i + len(edge)), pronoun=g, gender=g)
        if not pick_last and len(words) > 1 and words[0].lower() in ("t-il", "t-elle"):
            g = "f" if "elle" in words[0] else "m"
            return Cue((s, e), pronoun=g, gender=g)
        runs = [r for r in name_runs(self.text, s, e) if r.person]
        if whole and runs:
            head = re.split(r"\s(?:of|at|from|in|for|with|von|aus|de|du|à|з|із)\s", self.text[s:e])[0]
            covered = sum(r.end - r.start for r in runs if r.start < s + len(head))
            if covered < 0.6 * len(head.strip()):
                runs = []
        if pick_last and len(runs) > 1:
            # "Петро Лисенко з Кременчуцького району", "John Kirby of the NSC"
            kept = [r for r in runs if not _after_preposition(self.text, r.start)]
            runs = kept or runs
        if runs:
            r = runs[-1] if pick_last else runs[0]
            if not pick_last:
                # "said Kirby": the name must come at the start of the phrase
                lead_words = self.text[s : r.start].split()
                if len(lead_words) > 6:
                    return None
            ctx = self.text[max(0, r.start - 40) : r.start]
            return Cue((r.start, r.end), r.name, gender=gender_of(r.name, ctx))
        if len(words) > 12:
            return None
        return Cue((s + len(self.text[s:e]) - len(self.text[s:e].lstrip()), e))

    def _pronoun_ok(self, word: str) -> bool:
        if word in ("er", "sie"):
            return self.lang == "de"
        if word in ("il", "elle"):
            return self.lang == "fr"
        if word in ("он", "она", "він", "вона"):
            return True
        return True

    # -- naming

    def resolve(self, cue: Cue, pos: int) -> str | None:
        """Turn a cue into the fullest name the article gives, or None."""
        if cue.pronoun:
            return self._pronoun(cue.pronoun, pos)
        if not cue.name:
            return self._role(cue, pos)
        full = self.fullest(cue.name, pos)
        g = _verb_gender(cue.verb) or cue.gender or gender_of(tuple(full.split()))
        if g and full not in self.genders:
            self.genders[full] = g
        self.events.append((pos, full))
        return full

    def _role(self, cue: Cue, pos: int) -> str | None:
        """'the manager said', 'Die Autorin sagte', 'Лікар подякував' name the person
        the article has been about; 'a senior official said' (or 'the official'
        after one, or 'the Environment Agency') names nobody."""
        words = self.text[cue.span[0] : cue.span[1]].lower().replace("’", "'").split()
        if not words or len(words) > 4:
            return None
        noun = words[-1].strip(".,")
        definite = words[0] in ("the", "der", "die", "le", "la") or words[0].startswith("l'")
        if not (definite or (_is_cyr(noun) and all(_is_cyr(w) for w in words))):
            return None
        if not _is_title(noun) or noun in _ORG_WORDS:
            return None
        before = self.text[:pos]
        if re.search(rf"\b(?:a|an|ein|eine|einer|un|une)\s+(?:[\w-]+\s+){{0,3}}{re.escape(noun)}\b", before, re.I):
            return None
        for r in reversed([r for r in self.runs if r.end <= pos and r.person]):
            near = self.text[max(0, r.start - 25) : r.start].lower().split()[-2:]
            after = self.text[r.end : r.end + 30].lower()
            if noun in near or re.match(rf",\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}{re.escape(noun)}\b", after):
                return self.fullest(r.name, r.start)
        g = gender_of((), noun) or _role_gender(noun)
        return self._pronoun(g, pos) if g else self.most_recent(pos)

    def people(self) -> list[tuple[int, str]]:
        """Named people in reading order, as the fullest names: who a pronoun, a
        bare role or an unattributed quote may point back to."""
        if self._people is None:
            out = []
            for r in self.runs:
                if not r.person:
                    continue
                if _after_preposition(self.text, r.start) and r.name[0].lower() not in _FIRST_NAMES:
                    continue  # "at Villa Park", "on Heartbreak Hill"
                full = self.fullest(r.name, r.start)
                if len(full.split()) >= 2:
                    out.append((r.start, full))
            self._people = out
        return self._people

    def _candidates(self, pos: int) -> list[tuple[int, str]]:
        merged = [c for c in self.events if c[0] <= pos] + [c for c in self.people() if c[0] < pos]
        merged.sort()
        return merged

    def most_recent(self, pos: int) -> str | None:
        """The last person named before ``pos``: whom an unattributed quote most
        likely belongs to."""
        cands = self._candidates(pos)
        return cands[-1][1] if cands else None

    def note_event(self, name: str, pos: int, pronoun: str | None = None) -> None:
        """Remember a resolved speaker so later pronouns can refer to it."""
        if pronoun and name not in self.genders:
            self.genders[name] = pronoun
        self.events.append((pos, name))

    def fullest(self, name: tuple[str, ...], pos: int) -> str:
        """'Kirby' → 'John Kirby': the longest mention sharing the surname."""
        best: tuple[int, int, tuple[str, ...]] | None = None
        for r in self.by_stem.get(name[-1][:4].lower(), ()):
            cand = r.name
            if len(cand) <= len(name) and cand != name:
                continue
            if not _contains(cand, name):
                continue
            key = (len(cand), -abs(r.start - pos), cand)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            return " ".join(nominative(name))
        full = list(best[2])
        # keep the cue's own spelling where it names the same word: after a verb
        # it is usually the nominative ("сказав Гнатюк" vs "режисера Дмитра Гнатюка")
        for i, w in enumerate(full):
            for n in name:
                if w != n and _stem_match(w, n) and _is_cyr(w):
                    full[i] = n
        return " ".join(nominative(tuple(full)))

    def _pronoun(self, g: str, pos: int) -> str | None:
        """The most recent named person whose gender does not contradict ``g``."""
        for _, name in reversed(self._candidates(pos)):
            known = self.genders.get(name) or gender_of(tuple(name.split()))
            if known is None or known == g:
                return name
        return None


def _role_gender(noun: str) -> str | None:
    if noun.endswith(("woman", "erin", "orin", "tin", "gin", "ниця", "иця", "ка")):
        return "f"
    return None


def _verb_gender(verb: str) -> str | None:
    v = verb.lower()
    if _is_cyr(v):
        if v.endswith("ла"):
            return "f"
        if v.endswith("в") or v.endswith("л"):
            return "m"
    return None


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Every word of ``part`` appears in order in ``full``, allowing inflection."""
    i = 0
    for w in full:
        if i < len(part) and _stem_match(w, part[i]):
            i += 1
    if i == len(part):
        return True
    return len(part) == 1 and _stem_match(full[-1], part[0])


_PREPOSITIONS = frozenset(
    ["з", "із", "зі", "у", "в", "на", "до", "від", "для", "of", "from", "at", "in", "with", "for", "by", "von", "aus", "bei", "de", "du", "des", "à", "au"]
)


def _after_preposition(text: str, pos: int) -> bool:
    prev = text[max(0, pos - 12) : pos].split()
    return bool(prev) and prev[-1].lower() in _PREPOSITIONS


_UK_MALE_IY = frozenset(
    ["андрій", "сергій", "олексій", "юрій", "віталій", "анатолій", "георгій", "валерій", "геннадій", "аркадій", "григорій", "дмитрій", "євгеній"]
)
_UK_MALE_ROOTS = frozenset(
    ["олег", "іван", "володимир", "олександр", "богдан", "тарас", "роман", "максим", "ярослав", "віктор", "денис", "артем", "вадим", "степан", "святослав", "станіслав", "владислав", "руслан", "едуард", "борис", "назар", "остап", "орест", "богдан", "мирослав", "ростислав", "кирил", "антон", "леонід", "федір"]
)
_UK_MALE_SOFT = {"ігоря": "Ігор", "василя": "Василь", "миколи": "Микола"}
_UK_MALE_O = {"петра": "Петро", "дмитра": "Дмитро", "павла": "Павло", "михайла": "Михайло", "данила": "Данило"}
_UK_MALE_A = frozenset(["микола", "петро", "дмитро", "павло", "михайло", "данило"])


def nominative(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Undo the genitive of a Ukrainian name ('Наталії Кравець' → 'Наталія Кравець').

    Ukrainian names are declined, and the first mention is often in a genitive
    phrase ('за словами директорки Наталії Кравець'); the speaker must be named
    the way a reader would look them up.
    """
    if not tokens or not _is_cyr(tokens[0]):
        return tokens
    out = list(tokens)
    gender = None
    if len(out) >= 2:
        first = out[0]
        low = first.lower()
        if low in _UK_MALE_O:
            out[0], gender = _UK_MALE_O[low], "m"
        elif low in _UK_MALE_SOFT:
            out[0], gender = _UK_MALE_SOFT[low], "m"
        elif low.endswith("ія") and low[:-1] + "й" in _UK_MALE_IY:
            out[0], gender = first[:-1] + "й", "m"
        elif low.endswith("а") and low[:-1] in _UK_MALE_ROOTS:
            out[0], gender = first[:-1], "m"
        elif low.endswith("ії"):
            out[0], gender = first[:-1] + "я", "f"
        elif len(low) > 3 and low[-1] == "и" and low[-2] not in "аеєиіїоуюяь":
            out[0], gender = first[:-1] + "а", "f"
    for i in range(1 if len(out) >= 2 else 0, len(out)):
        out[i] = _nominative_surname(out[i], gender)
    return tuple(out)


def _nominative_surname(w: str, gender: str | None) -> str:
    low = w.lower()
    for gen, nom in (("ського", "ський"), ("цького", "цький"), ("зького", "зький")):
        if low.endswith(gen):
            return w[: -len(gen)] + nom
    for gen, nom in (("ської", "ська"), ("цької", "цька"), ("зької", "зька")):
        if low.endswith(gen):
            return w[: -len(gen)] + nom
    if low.endswith("енка"):
        return w[:-1] + "о"
    if gender == "f" and low.endswith("ової"):
        return w[:-2] + "а"
    if gender == "m" and len(low) > 3 and low[-1] == "а" and low[-2] not in "аеєиіїоуюяь":
        return w[:-1]
    return w
