"""Long Cyrillic claims for the linear-time tests and ``benchmarks/bench_claims_speed.py``:
a channel's posts run together (village-heavy), and one news paragraph repeated."""

from __future__ import annotations

import random

_SYLLABLES = ("ка", "ло", "ти", "во", "ре", "бре", "но", "жу", "рав", "лёв", "не", "хо", "те",
              "ев", "си", "ма", "ру", "го", "да", "ян", "ов")  # fmt: skip
_POSTS = (
    "Вчера в Белгородской области у села {0} и в районе {1} бойцы РДК подбили БМП-2, "
    "сообщил губернатор Гладков в Телеграме. ",
    "Бої поблизу {0} на Бєлгородщині тривають, повідомляє Міноборони Росії. ",
    "Колонна ВСУ шла из Шебекино к {0}; видео опубликовано во ВКонтакте. ",
)
NEWS_PARAGRAPH = (
    "По словам губернатора Вячеслава Гладкова, 22 мая 2023 года более 70 боевиков вошли в "
    "Козинку. Жители говорят, что обстрел начался рано утром и продолжался до вечера, а "
    "в соседних сёлах отключили свет и воду. 45-секундное видео якобы снято вчера у "
    "границы, на нём видны 13 раненых и горящая техника. Независимо проверить эти данные "
    "не удалось.\n\n"
)


def village_posts(size: int) -> str:
    """About ``size`` characters of posts: the same names recur, as they do in real claims,
    with a few hundred villages the vocabulary does not know."""
    rng = random.Random(15)
    villages = ["".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize() + "вка"
                for _ in range(300)]  # fmt: skip
    parts, length = [], 0
    while length < size:
        part = rng.choice(_POSTS).format(rng.choice(villages), rng.choice(villages))
        parts.append(part)
        length += len(part)
    return "".join(parts)


def news_report(size: int) -> str:
    """The news paragraph repeated to about ``size`` bytes of UTF-8."""
    return NEWS_PARAGRAPH * (size // len(NEWS_PARAGRAPH.encode()))
