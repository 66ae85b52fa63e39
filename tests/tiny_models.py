"""Tiny seq2seq models of the real architectures, built at test time.

Each ``build_*`` function trains a small vocabulary on a deterministic news-like corpus, makes
a model of the real class with a few tiny layers and seeded random weights, and saves both with
``save_pretrained`` (safetensors), so that ``AutoTokenizer.from_pretrained(folder)`` and
``AutoModelForSeq2SeqLM.from_pretrained(folder)`` load the folder exactly like a hub snapshot.
The models write nonsense; the point is that every code path a real model takes is exercised.

Builds are reproducible: the corpus is generated from word lists with a seeded ``random.Random``,
sentencepiece is trained single-threaded, the ``tokenizers`` BPE trainer is deterministic for a
fixed input, and torch is seeded before the model is made (tests/test_tiny_models.py checks
byte-identical folders).

transformers 5 pitfalls met here (details next to the code they explain):
- Generation settings (num_beams, max_length, no_repeat_ngram_size, forced_bos_token_id, ...)
  given to a config constructor in code are silently dropped: not kept on the config, not carried
  into ``model.generation_config``. They must be set on ``model.generation_config`` (saved as
  generation_config.json). Loading a hub repo whose legacy config.json holds them still moves them
  into generation_config, so real old repos keep working.
- Most tokenizers are now ``tokenizers``-backed classes (T5Tokenizer, BartTokenizer = an alias of
  RobertaTokenizer) whose constructors take an in-memory vocabulary, not file paths: a
  ``vocab_file=`` keyword is swallowed by **kwargs and yields an empty tokenizer. Loading a folder
  that holds the files (spiece.model, vocab.json + merges.txt) converts them properly, and
  ``save_pretrained`` then writes tokenizer.json. Marian and M2M100 are still pure-python
  sentencepiece tokenizers built from file paths.
- A tokenizer loaded from a folder saves its loading kwargs (is_local, local_files_only) into
  tokenizer_config.json; they are stripped so the folder looks like a hub repo.
- M2M100Tokenizer numbers its language tokens after vocab.json, but ``len(tokenizer)`` does not
  count them; and ``decode(..., skip_special_tokens=True)`` keeps them (e.g. "__uk__ ..."),
  because the language tokens no longer reach the special-token list. Same for the real model.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "build_bart",
    "build_m2m100",
    "build_marian",
    "build_t5",
    "corpus",
]

SAMPLES = Path("/work/shared/samples")
_SEED = 1234

# --------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------


def _w(text: str) -> list[str]:
    """Split a "a | b | c" word list."""
    return [w.strip() for w in text.split("|")]


_EN = {
    "speakers": _w(
        "John Kirby | Volodymyr Zelensky | a senior US official | the defence minister | "
        "the mayor | Olena Petrenko | the spokesman | President Joe Biden | "
        "a military analyst | the commander | Maria Kovalenko | the governor"
    ),
    "verbs": _w("said | told reporters | added | warned | wrote | insisted | explained"),
    "subjects": _w(
        "Ukrainian forces | Russian troops | the government | the city council | "
        "volunteers | the army | energy workers | rescue teams | the central bank | "
        "farmers | the European Union | NATO allies | local officials | "
        "the railway company"
    ),
    "actions": _w(
        "repelled an attack near | restored power in | announced new aid for | "
        "evacuated families from | opened a new bridge in | "
        "reported heavy shelling around | signed an agreement with | delivered grain to | "
        "rebuilt the school in | sent artillery shells to"
    ),
    "places": _w(
        "Bakhmut | Kyiv | Kharkiv | Odesa | Lviv | Dnipro | Zaporizhzhia | Kherson | "
        "Washington | Brussels | Berlin | Paris | the Donbas region | the south"
    ),
    "times": _w(
        "on Friday | on Monday | last week | in December | this morning | overnight | "
        "in the spring | on Tuesday evening | earlier this year"
    ),
    "quotes": _w(
        "We will hold the line | The plan is dead | Time favours Russia in Bakhmut | "
        "Nobody expected the winter to be this hard | Our priority is the people | "
        "This is a turning point | We need more air defence now | "
        "The city will be rebuilt | There is no alternative to peace | Every life matters"
    ),
    "numbers": _w("two | three | ten | dozens of | hundreds of | 12 | 45 | 1,200 | 3.5 million"),
    "nouns": _w(
        "civilians | soldiers | homes | tanks | drones | trucks | tonnes of grain | generators"
    ),
}

_UK = {
    "speakers": _w(
        "Джон Кірбі | Володимир Зеленський | високопосадовець США | міністр оборони | "
        "мер міста | Олена Петренко | речник | президент Джо Байден | військовий аналітик | "
        "командувач | Марія Коваленко | губернатор"
    ),
    "verbs": _w("сказав | заявив журналістам | додав | попередив | написав | наголосив | пояснила"),
    "subjects": _w(
        "Українські сили | Російські війська | Уряд | Міська рада | Волонтери | Армія | "
        "Енергетики | Рятувальники | Національний банк | Фермери | Європейський Союз | "
        "Союзники по НАТО | Місцева влада | Залізниця"
    ),
    "actions": _w(
        "відбили атаку поблизу | відновили електропостачання в | "
        "оголосили нову допомогу для | евакуювали родини з | відкрили новий міст у | "
        "повідомили про сильні обстріли біля | підписали угоду з | доставили зерно до | "
        "відбудували школу в | передали снаряди до"
    ),
    "places": _w(
        "Бахмута | Києва | Харкова | Одеси | Львова | Дніпра | Запоріжжя | Херсона | "
        "Вашингтона | Брюсселя | Берліна | Парижа | Донбасу | півдня"
    ),
    "times": _w(
        "у п'ятницю | у понеділок | минулого тижня | у грудні | сьогодні вранці | вночі | "
        "навесні | у вівторок увечері | цього року"
    ),
    "quotes": _w(
        "Ми втримаємо позиції | План провалився | Час грає на користь Росії в Бахмуті | "
        "Ніхто не очікував такої важкої зими | Наш пріоритет — люди | "
        "Це переломний момент | Нам потрібна протиповітряна оборона вже зараз | "
        "Місто буде відбудоване | Альтернативи миру немає | Кожне життя важливе"
    ),
    "numbers": _w("два | три | десять | десятки | сотні | 12 | 45 | 1200 | 3,5 мільйона"),
    "nouns": _w(
        "цивільних | солдатів | будинків | танків | дронів | вантажівок | тонн зерна | генераторів"
    ),
}

_DE = {
    "subjects": _w(
        "Die Regierung | Die Armee | Freiwillige | Der Bürgermeister | Die Europäische Union"
    ),
    "actions": _w(
        "kündigte neue Hilfe für | meldete schweren Beschuss in | unterzeichnete ein Abkommen mit"
    ),
    "places": _w("Kiew | Charkiw | Odessa | Berlin | Brüssel | Bachmut"),
    "times": _w("am Freitag | am Montag | letzte Woche | im Dezember | heute Morgen"),
    "quotes": _w("Wir halten die Stellung | Der Plan ist gescheitert | Jedes Leben zählt"),
    "speakers": _w("der Sprecher | die Ministerin | ein Analyst | der Kanzler"),
}

_FR = {
    "subjects": _w("Le gouvernement | L'armée | Les bénévoles | Le maire | L'Union européenne"),
    "actions": _w(
        "a annoncé une nouvelle aide pour | a signalé des bombardements près de | "
        "a signé un accord avec"
    ),
    "places": _w("Kyiv | Kharkiv | Odessa | Paris | Bruxelles | Bakhmout"),
    "times": _w("vendredi | lundi | la semaine dernière | en décembre | ce matin"),
    "quotes": _w("Nous tiendrons la ligne | Le plan est mort | Chaque vie compte"),
    "speakers": _w("le porte-parole | la ministre | un analyste | le président"),
}


def _english(rng: random.Random, n: int) -> list[str]:
    w = _EN
    out = []
    for i in range(n):
        s, a, p, t = (rng.choice(w[k]) for k in ("subjects", "actions", "places", "times"))
        q, sp, v = rng.choice(w["quotes"]), rng.choice(w["speakers"]), rng.choice(w["verbs"])
        num, noun = rng.choice(w["numbers"]), rng.choice(w["nouns"])
        form = i % 6
        if form == 0:
            out.append(f"{s} {a} {p} {t}, {sp} {v}.")
        elif form == 1:
            out.append(f'"{q}," {sp} {v} {t}.')
        elif form == 2:
            out.append(
                f"{sp.capitalize()} {v} that {s.lower()} {a} {p} and {num} {noun} were affected."
            )
        elif form == 3:
            q2 = rng.choice(w["quotes"]).lower()
            out.append(f'"{q}," {sp} {v}, "and {q2}."')
        elif form == 4:
            out.append(f"“{q},” {sp} {v} in {p} {t}, adding that {num} {noun} had arrived.")
        else:
            out.append(
                f"According to {sp}, {s.lower()} {a} {p}; officials counted {num} {noun} (as of {t})."
            )
    return out


def _ukrainian(rng: random.Random, n: int) -> list[str]:
    w = _UK
    out = []
    for i in range(n):
        s, a, p, t = (rng.choice(w[k]) for k in ("subjects", "actions", "places", "times"))
        q, sp, v = rng.choice(w["quotes"]), rng.choice(w["speakers"]), rng.choice(w["verbs"])
        num, noun = rng.choice(w["numbers"]), rng.choice(w["nouns"])
        form = i % 5
        if form == 0:
            out.append(f"{s} {a} {p} {t}, {v} {sp}.")
        elif form == 1:
            out.append(f"«{q}», — {v} {sp} {t}.")
        elif form == 2:
            out.append(
                f"{sp[0].upper() + sp[1:]} {v}, що {s.lower()} {a} {p}, постраждали {num} {noun}."
            )
        elif form == 3:
            out.append(f"„{q}“, — {v} {sp}. За його словами, {s.lower()} {a} {p}.")
        else:
            out.append(f"За даними {p}, {t} {s.lower()} {a} {p}; це {num} {noun}.")
    return out


def _simple(w: dict, rng: random.Random, n: int, quote: tuple[str, str], dash: str) -> list[str]:
    out = []
    for i in range(n):
        s, a, p, t = (rng.choice(w[k]) for k in ("subjects", "actions", "places", "times"))
        q, sp = rng.choice(w["quotes"]), rng.choice(w["speakers"])
        if i % 2:
            out.append(f"{s} {a} {p} {t}.")
        else:
            out.append(f"{quote[0]}{q}{quote[1]}{dash} {sp} {t}.")
    return out


def corpus(lang: str, n: int = 300) -> list[str]:
    """Deterministic news-like sentences in ``lang`` (en, uk, de, fr), one per line.

    English also includes the lines of the shared Bakhmut sample (when present), so that the
    vocabulary covers the text the tests summarize.
    """
    rng = random.Random(f"{_SEED}-{lang}")
    if lang == "en":
        lines = _english(rng, n)
        sample = SAMPLES / "bakhmut-en.txt"
        if sample.is_file():
            lines = [
                ln for ln in sample.read_text(encoding="utf-8").splitlines() if ln.strip()
            ] + lines
    elif lang == "uk":
        lines = _ukrainian(rng, n)
    elif lang == "de":
        lines = _simple(_DE, rng, n // 3, ("„", "“"), ", sagte")
    elif lang == "fr":
        lines = _simple(_FR, rng, n // 3, ("« ", " »"), ", a déclaré")
    else:
        raise ValueError(f"no tiny corpus for language {lang!r} (have en, uk, de, fr)")
    # Punctuation and digits a news text may hold, so that they get pieces of their own instead of
    # <unk> (character_coverage=1.0 keeps every character seen here).
    lines.append(
        "Quotes: \"a\" 'b' “c” ‘d’ «e» „f“ ‹g› — – - … ; : ! ? ( ) [ ] % & / 0 1 2 3 4 5 6 7 8 9 №"
    )
    return lines


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _train_spm(lines: Iterable[str], vocab_size: int, **options) -> bytes:
    """Train a sentencepiece model in memory and return its serialized bytes."""
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=buf,
        vocab_size=vocab_size,
        character_coverage=1.0,
        # hard_vocab_limit=False: a small corpus may not support the exact size asked for; take
        # what it supports instead of failing.
        hard_vocab_limit=False,
        num_threads=1,  # determinism: multi-threaded EM may order ties differently
        minloglevel=2,
        **options,
    )
    return buf.getvalue()


def _spm_pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _seed() -> None:
    import torch

    torch.manual_seed(_SEED)


def _save(model, tokenizer, dest: Path, tokenizer_class: str | None = None) -> Path:
    model.save_pretrained(dest)  # safetensors is the only format transformers 5 writes
    tokenizer.save_pretrained(dest)
    # A tokenizer that came through from_pretrained(folder) writes its loading kwargs
    # (is_local, local_files_only) into tokenizer_config.json; a hub repo never holds them, and
    # "is_local": true would travel with the snapshot. Drop them so the folder looks like the hub's.
    path = dest / "tokenizer_config.json"
    cfg = json.loads(path.read_text(encoding="utf-8"))
    for key in ("is_local", "local_files_only", "name_or_path", "_commit_hash"):
        cfg.pop(key, None)
    if tokenizer_class:
        cfg["tokenizer_class"] = tokenizer_class
    path.write_text(json.dumps(cfg, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return dest


def _tiny_dims(**overrides) -> dict:
    dims = dict(
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
    )
    dims.update(overrides)
    return dims


# --------------------------------------------------------------------------------------------
# Marian (opus-mt)
# --------------------------------------------------------------------------------------------


def build_marian(
    dest: Path,
    src: str = "en",
    tgt: str = "uk",
    target_token: str | None = None,
    vocab_size: int = 400,
) -> Path:
    """A MarianMTModel like Helsinki-NLP/opus-mt-{src}-{tgt}.

    Files: source.spm and target.spm (sentencepiece unigram models trained on ``src`` resp.
    ``tgt`` text), vocab.json (the joint vocabulary, as opus-mt ships it), tokenizer_config.json,
    config.json, generation_config.json, model.safetensors.

    ``target_token`` (e.g. ">>ukr<<") adds that language token to the vocabulary, as the
    multi-target opus-mt-tc-big models have; their tokenizer expects input to start with it.
    """
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    # opus-mt spm models: <unk>=0, <s>=1, </s>=2; the ids that matter are those of vocab.json.
    src_model = _train_spm(corpus(src), vocab_size, model_type="unigram")
    tgt_model = _train_spm(corpus(tgt), vocab_size, model_type="unigram")
    (dest / "source.spm").write_bytes(src_model)
    (dest / "target.spm").write_bytes(tgt_model)

    # Joint vocabulary in the opus-mt layout: </s>=0, <unk>=1, ..., <pad> last (and the decoder
    # start token). Language tokens come right after the specials, as in opus-mt-tc-big.
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    if target_token:
        vocab[target_token] = len(vocab)
    for piece in _spm_pieces(src_model) + _spm_pieces(tgt_model):
        if piece not in vocab and piece not in ("<s>", "<unk>", "</s>", "<pad>"):
            vocab[piece] = len(vocab)
    pad_id = vocab["<pad>"] = len(vocab)
    (dest / "vocab.json").write_text(
        json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8"
    )

    tokenizer = MarianTokenizer(
        source_spm=str(dest / "source.spm"),
        target_spm=str(dest / "target.spm"),
        vocab=str(dest / "vocab.json"),
        source_lang=src,
        target_lang=tgt,
        model_max_length=512,
    )

    config = MarianConfig(
        vocab_size=len(vocab),
        max_position_embeddings=512,  # the real opus-mt limit
        **_tiny_dims(),
        activation_function="swish",
        scale_embedding=True,
        static_position_embeddings=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad_id,
        eos_token_id=0,
        bos_token_id=0,
        decoder_start_token_id=pad_id,
        forced_eos_token_id=0,
    )
    _seed()
    model = MarianMTModel(config).eval()
    # opus-mt's generation_config: start from <pad>, never emit <pad>, end on </s>. Beams and
    # max_length are smaller than the real 4-6 / 512 so a random model stays fast in tests.
    model.generation_config = GenerationConfig(
        decoder_start_token_id=pad_id,
        pad_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        bad_words_ids=[[pad_id]],
        num_beams=2,
        max_length=64,
        renormalize_logits=True,
    )
    return _save(model, tokenizer, dest)


# --------------------------------------------------------------------------------------------
# BART (facebook/bart-large-cnn)
# --------------------------------------------------------------------------------------------


def build_bart(dest: Path, vocab_size: int = 800) -> Path:
    """A BartForConditionalGeneration like facebook/bart-large-cnn.

    Files: vocab.json + merges.txt (byte-level BPE trained with ``tokenizers``), tokenizer.json,
    tokenizer_config.json, config.json, generation_config.json, model.safetensors.
    """
    from tokenizers import ByteLevelBPETokenizer
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        BartTokenizer,
        GenerationConfig,
    )

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    # Special tokens first so they take BART's ids: <s>=0 <pad>=1 </s>=2 <unk>=3 (<mask>=4; the
    # real one is last, nothing here depends on it).
    bpe.train_from_iterator(
        corpus("en") + corpus("uk", 60),
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
        show_progress=False,
    )
    bpe.save_model(str(dest))  # vocab.json, merges.txt: what the hub's BART repos hold
    # In transformers 5 BartTokenizer is an alias of the tokenizers-backed RobertaTokenizer, whose
    # __init__ takes a vocab dict and merges list: ``vocab_file=`` lands in **kwargs unnoticed and
    # leaves an empty vocabulary that encodes every text to "<s></s>". Loading the folder reads the
    # two files properly.
    tokenizer = BartTokenizer.from_pretrained(dest, model_max_length=1024)

    config = BartConfig(
        vocab_size=len(tokenizer),
        max_position_embeddings=1024,  # the real BART-CNN limit
        **_tiny_dims(),
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
    )
    _seed()
    model = BartForConditionalGeneration(config).eval()
    # bart-large-cnn uses num_beams 4, min_length 56, max_length 142, length_penalty 2.0; smaller
    # here so that a random model finishes quickly.
    model.generation_config = GenerationConfig(
        decoder_start_token_id=2,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        num_beams=2,
        min_length=4,
        max_length=60,
        no_repeat_ngram_size=3,
        length_penalty=2.0,
        early_stopping=True,
    )
    # BartTokenizer is RobertaTokenizer under another name and saves itself as the latter; write
    # the name the hub's BART repos use (AutoTokenizer resolves both to the same class).
    return _save(model, tokenizer, dest, tokenizer_class="BartTokenizer")


# --------------------------------------------------------------------------------------------
# T5 (t5-small)
# --------------------------------------------------------------------------------------------


def build_t5(dest: Path, vocab_size: int = 500, extra_ids: int = 8) -> Path:
    """A T5ForConditionalGeneration like google-t5/t5-small.

    Files: spiece.model (sentencepiece unigram, T5's id layout <pad>=0 </s>=1 <unk>=2),
    tokenizer.json, tokenizer_config.json, config.json, generation_config.json, model.safetensors.
    """
    from transformers import GenerationConfig, T5Config, T5ForConditionalGeneration, T5Tokenizer

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    model_bytes = _train_spm(
        corpus("en") + corpus("de", 90) + corpus("fr", 90),
        vocab_size,
        model_type="unigram",
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
    )
    (dest / "spiece.model").write_bytes(model_bytes)
    # T5Tokenizer (tokenizers backend in v5) cannot be constructed from the .model path; loading
    # the folder converts spiece.model into a Unigram tokenizer.json.
    tokenizer = T5Tokenizer.from_pretrained(dest, extra_ids=extra_ids, model_max_length=512)

    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=16,
        d_ff=64,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=2,
        relative_attention_num_buckets=8,
        relative_attention_max_distance=32,
        feed_forward_proj="relu",
        n_positions=512,  # t5-small's documented input limit (relative positions have no hard cap)
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
        task_specific_params={
            "summarization": {"prefix": "summarize: "},
            "translation_en_to_de": {"prefix": "translate English to German: "},
            "translation_en_to_fr": {"prefix": "translate English to French: "},
        },
    )
    _seed()
    model = T5ForConditionalGeneration(config).eval()
    model.generation_config = GenerationConfig(
        decoder_start_token_id=0, pad_token_id=0, eos_token_id=1, num_beams=2, max_length=48
    )
    return _save(model, tokenizer, dest)


# --------------------------------------------------------------------------------------------
# M2M100 (facebook/m2m100_418M)
# --------------------------------------------------------------------------------------------


def build_m2m100(dest: Path, vocab_size: int = 600) -> Path:
    """An M2M100ForConditionalGeneration like facebook/m2m100_418M.

    Files: sentencepiece.bpe.model (BPE trained on en, uk, de, fr), vocab.json (fairseq layout:
    <s>=0 <pad>=1 </s>=2 <unk>=3, then the pieces), tokenizer_config.json, config.json,
    generation_config.json, model.safetensors. The language tokens (__en__, __uk__, __de__,
    __fr__, ... all 100 of m2m100) are not in vocab.json: M2M100Tokenizer numbers them after it,
    exactly like the real model, so ``tokenizer.get_lang_id("uk")`` is the forced BOS token.
    """
    from transformers import (
        GenerationConfig,
        M2M100Config,
        M2M100ForConditionalGeneration,
        M2M100Tokenizer,
    )

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    model_bytes = _train_spm(
        corpus("en") + corpus("uk") + corpus("de", 90) + corpus("fr", 90),
        vocab_size,
        model_type="bpe",
    )
    (dest / "sentencepiece.bpe.model").write_bytes(model_bytes)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in _spm_pieces(model_bytes):
        if piece not in vocab:
            vocab[piece] = len(vocab)
    (dest / "vocab.json").write_text(
        json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    tokenizer = M2M100Tokenizer(
        vocab_file=str(dest / "vocab.json"),
        spm_file=str(dest / "sentencepiece.bpe.model"),
        src_lang="en",
        tgt_lang="uk",
        model_max_length=1024,
    )

    # The tokenizer numbers the 100 language tokens and 8 "madeup words" after vocab.json, but
    # len(tokenizer) counts vocab.json only: size the embeddings like the real model does
    # (128004 + 100 + 8 = 128112), or generate() indexes past the embedding table.
    n_lang = len(tokenizer.lang_token_to_id)
    config = M2M100Config(
        vocab_size=len(tokenizer.encoder) + n_lang + tokenizer.num_madeup_words,
        max_position_embeddings=1024,
        **_tiny_dims(),
        scale_embedding=True,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    _seed()
    model = M2M100ForConditionalGeneration(config).eval()
    model.generation_config = GenerationConfig(
        decoder_start_token_id=2,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        num_beams=2,
        max_length=64,
    )
    return _save(model, tokenizer, dest)
