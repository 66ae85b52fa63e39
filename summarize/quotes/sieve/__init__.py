"""The sieve's rules, one module per family: naming a person beside the speech verb,
the subject of the quote's sentence, pronouns and discourse, roles and groups, headlines.

``summarize.quotes.speakers.Sieve`` puts them in order; each family is a mixin that reads
the sieve's state (the text, the cues, the speakers named so far) and returns an
``Attribution`` from ``verdict``.
"""
