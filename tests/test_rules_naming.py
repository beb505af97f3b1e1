"""Naming styles and conventions (TL204, TL205): the plan's own, only with a clear majority.

Each style's pattern fits its own names of two words or more and no other
style's; a one-word name is ambiguous and counts for no style.
"""

from __future__ import annotations

import itertools
import textwrap

import pytest

from trackinglint import Engine
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides
from trackinglint.rules.names import convention_of, is_object_action, restyle, styles_of

REGISTRY = build_registry(load_entry_points=False)

EXAMPLES = {
    "snake_case": ["order_completed", "add_to_cart", "step_2_done"],
    "camelCase": ["orderCompleted", "addToCart", "userID"],
    "PascalCase": ["OrderCompleted", "AddToCart", "CartV2Viewed"],
    "kebab-case": ["order-completed", "add-to-cart"],
    "dot.case": ["order.completed", "cart.item_added", "billing.invoice.paid"],
    "Title Case": ["Order Completed", "Product Added to Wishlist", "NoID Type", "Step #2 Done"],
    "lower case words": ["order completed", "add to cart"],
    "SCREAMING_CASE": ["ORDER_COMPLETED", "ADD_TO_CART"],
}


@pytest.mark.parametrize(
    ("style", "name"), [(style, name) for style, names in EXAMPLES.items() for name in names]
)
def test_each_multi_word_name_fits_its_own_style_only(style, name):
    assert styles_of(name) == {style}


@pytest.mark.parametrize(
    ("name", "styles"),
    [
        ("signup", {"snake_case", "camelCase", "kebab-case", "dot.case", "lower case words"}),
        ("Signup", {"PascalCase", "Title Case"}),
        ("SIGNUP", {"PascalCase", "Title Case", "SCREAMING_CASE"}),
        ("UserID", {"PascalCase", "Title Case"}),  # one word ending in an acronym
        ("Order completed", set()),  # sentence case: no style trackinglint tells apart
        ("$email", set()),
    ],
)
def test_one_word_names_are_ambiguous_and_odd_names_fit_none(name, styles):
    assert styles_of(name) == styles


def test_no_two_patterns_share_an_example():
    for (a, names_a), (b, _) in itertools.permutations(EXAMPLES.items(), 2):
        assert not [name for name in names_a if b in styles_of(name)], (a, b)


def test_object_action_is_title_case_with_a_past_tense_action():
    assert is_object_action("Order Completed")
    assert is_object_action("Signed Up")
    assert is_object_action("Invite Sent")
    assert is_object_action("Product Added to Wishlist")
    assert not is_object_action("Checkout")
    assert not is_object_action("Start Checkout")
    assert not is_object_action("order completed")


def test_a_convention_needs_more_than_half_of_the_names_whose_style_is_clear():
    names = ["order_completed", "cart_viewed", "signUp", "pageViewed", "login", "logout"]
    found = convention_of(names)  # 2 snake, 2 camel; the one-word names count for neither
    assert (found.style, found.best, found.fitting, found.decided) == (None, "snake_case", 2, 4)
    assert found.describe("event") == (
        "event names: no convention found; the most common style, snake_case, fits 2 of the 4 "
        "names whose style is clear (50%), and a convention needs more than 50%"
    )
    names.append("invoice_paid")
    assert convention_of(names).style == "snake_case"
    assert convention_of(names, majority=0.7).style is None


def test_mostly_object_action_names_are_described_so():
    found = convention_of(["Order Completed", "Cart Viewed", "Invite Sent", "Help"])
    assert (found.style, found.object_action) == ("Title Case", True)
    assert found.describe("event") == (
        "event names: Title Case (Object Action), 3 of the 3 names whose style is clear (100%)"
    )


def test_restyle_never_invents_words():
    assert restyle("cart_emptied", "Title Case") == "Cart Emptied"
    assert restyle("Order Completed", "lower case words") == "order completed"
    assert restyle("Order Completed", "SCREAMING_CASE") == "ORDER_COMPLETED"
    assert restyle("", "snake_case") == ""
    assert restyle("!!!", "snake_case") == ""


@pytest.fixture
def lint(tmp_path, monkeypatch):
    """Lint one plan with one rule selected: (line, column, message, related lines)."""
    monkeypatch.chdir(tmp_path)

    def run(text: str, code: str, config: str = ""):
        (tmp_path / "plan.yaml").write_text(textwrap.dedent(text).lstrip("\n"))
        (tmp_path / "trackinglint.toml").write_text(textwrap.dedent(config))
        result = Engine(REGISTRY, overrides=Overrides(select=(code,))).lint([tmp_path])
        return [(f.line, f.column, f.message, [p.line for p in f.related]) for f in result.findings]

    yield run
    (tmp_path / "trackinglint.toml").unlink(missing_ok=True)  # leave no configuration behind


def test_tl204_each_distinct_name_once_with_its_other_places(lint):
    plan = """
    trackinglint: 1
    events:
      Order Completed: {}
      Cart Viewed: {}
      Invite Sent: {}
      signup: {}
    """
    assert lint(plan, "TL204") == [
        (6, 3, "event name 'signup' is not Title Case, but the plan's event names are mostly "
               "Title Case (\"Object Action\") (3 of the 3 whose style is clear); rename it to "
               "match, e.g. 'Signup'", []),
    ]  # fmt: skip


def test_tl205_reports_a_name_once_however_often_it_is_written(lint):
    plan = """
    trackinglint: 1
    events:
      A Done: {properties: {order_id: {}, total_amount: {}, couponCode: {}}}
      B Done: {properties: {order_id: {}, couponCode: {}}}
      C Done: {properties: {tax_rate: {}, couponCode: {}}}
    """
    assert lint(plan, "TL205") == [
        (3, 57, "property name 'couponCode' is not snake_case (written in 3 places), but the "
                "plan's property names are mostly snake_case (3 of the 4 whose style is clear); "
                "rename it to match, e.g. 'coupon_code'", [4, 5]),
    ]  # fmt: skip


def test_tl204_is_silent_without_a_clear_majority(lint):
    plan = """
    trackinglint: 1
    events:
      Order Completed: {}
      Cart Viewed: {}
      invite_sent: {}
      page_viewed: {}
      checkout: {}
    """
    assert lint(plan, "TL204") == []
    # A configured convention speaks regardless.
    found = lint(plan, "TL204", '[options.TL204]\nconvention = "snake_case"\n')
    assert [message.split(",")[0] for _, _, message, _ in found] == [
        "event name 'Order Completed' is not snake_case",
        "event name 'Cart Viewed' is not snake_case",
    ]


def test_tl204_majority_option(lint):
    plan = """
    trackinglint: 1
    events:
      Order Completed: {}
      Cart Viewed: {}
      invite_sent: {}
    """
    assert len(lint(plan, "TL204")) == 1  # 2 of 3 is more than half
    assert lint(plan, "TL204", "[options.TL204]\nmajority = 0.7\n") == []


def test_tl204_never_suggests_the_name_itself_or_nothing(lint):
    plan = """
    trackinglint: 1
    events:
      order_completed: {}
      cart_viewed: {}
      invite_sent: {}
      "!!!": {}
      "2fa_enabled": {}
    """
    found = [message for _, _, message, _ in lint(plan, "TL204")]
    assert found == [
        "event name '!!!' is not snake_case, but the plan's event names are mostly snake_case "
        "(3 of the 5 whose style is clear); rename it to match",
        "event name '2fa_enabled' is not snake_case, but the plan's event names are mostly "
        "snake_case (3 of the 5 whose style is clear); rename it to match",
    ]


def test_tl204_lower_case_words_and_screaming_case_are_conventions_too(lint):
    plan = """
    trackinglint: 1
    events:
      order completed: {}
      cart viewed: {}
      invite sent: {}
      PAGE_VIEWED: {}
    """
    [(_, _, message, _)] = lint(plan, "TL204")
    assert message.startswith("event name 'PAGE_VIEWED' is not lower case words")
    assert message.endswith("rename it to match, e.g. 'page viewed'")


def test_statistics_name_the_convention_or_say_none_was_found(cli, write, tmp_path):
    write("plan.yaml", "trackinglint: 1\nevents:\n  Order Completed: {}\n  Cart Viewed: {}\n"
          "  Invite Sent: {}\n  page_viewed: {}\n")  # fmt: skip
    lines = cli("check", "plan.yaml", "--statistics", "--select", "TL204").out.splitlines()
    assert lines == [
        "1  TL204  warning  event-naming-convention",
        "event names: Title Case (Object Action), 3 of the 4 names whose style is clear (75%)",
    ]
    write("trackinglint.toml", "[options.TL204]\nmajority = 0.8\n")
    try:
        lines = cli("check", "plan.yaml", "--statistics", "--select", "TL204").out.splitlines()
    finally:
        (tmp_path / "trackinglint.toml").unlink()
    assert lines == [
        "event names: no convention found; the most common style, Title Case, fits 3 of the 4 "
        "names whose style is clear (75%), and a convention needs more than 80%",
    ]
