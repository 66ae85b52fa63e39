"""Quotations: what the source says, and who said it.

Detection finds each quotation and its kind; the speaker sieve credits it to a person, group or
organisation only on explicit evidence; the audit holds a summary's quotes to the source's words
and speakers. Model-free on purpose: `summarize quotes` never imports torch.
"""
