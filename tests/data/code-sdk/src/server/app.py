import analytics
from amplitude import Amplitude, BaseEvent

from .names import ORDER_COMPLETED, Events


def signup(user_id, plan):
    analytics.track(user_id, Events.SIGNED_UP.value, {"plan": plan, "trial": True})
    analytics.track(user_id=user_id, event=ORDER_COMPLETED, properties={"revenue": 39.95})


def listen(client):
    client.track(BaseEvent(event_type="Song Played", user_id="u1", event_properties={"genre": "jazz"}))
    posthog.capture("movie played", distinct_id="u1", properties={"movie_id": 123})
    analytics.track("u1", "Clicked " + button_name)
