"""Word lists the attribution rules match: speech verbs, titles, names, pronouns.

Data kept apart from the rules in ``attribution.py`` so that adding a verb or a
title for a language is an edit here, not a change of logic.
"""

from __future__ import annotations

import re

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
