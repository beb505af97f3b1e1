"""Writes tracking-plan.json: a large Segment public-API export, as a product team's
plan looks after three years (written for trackinglint's tests; deterministic).

- Segment's own specs (E-commerce v2, B2B SaaS, Video, Mobile) in Title Case
  "Object Action", plus a product's own events over its objects.
- A mobile team that named its events in snake_case (and a few in camelCase).
- Shared identifiers typed two ways: `user_id` is a string, except on the
  mobile team's events, where it is an integer; `order_id` likewise on two.
- Spelling variants: `userId` on the camelCase events, `orderId` on one.
- Two events defined twice in different spellings ("Order Completed" and
  "order_completed"; "Signed In" and "signed_in").
- Descriptions on most events and on about half the properties.

Run: python tests/data/segment-large/generate.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SPEC_EVENTS = {
    "Products Searched": ["query"],
    "Product List Viewed": ["list_id", "category", "products"],
    "Product List Filtered": ["list_id", "filters", "sorts", "products"],
    "Promotion Viewed": ["promotion_id", "creative", "name", "position"],
    "Promotion Clicked": ["promotion_id", "creative", "name", "position"],
    "Product Clicked": ["product_id", "sku", "category", "name", "brand", "price", "position"],
    "Product Viewed": ["product_id", "sku", "category", "name", "brand", "price", "currency"],
    "Product Added": ["cart_id", "product_id", "sku", "name", "price", "quantity"],
    "Product Removed": ["cart_id", "product_id", "sku", "name", "price", "quantity"],
    "Cart Viewed": ["cart_id", "products"],
    "Checkout Started": ["order_id", "affiliation", "value", "revenue", "currency", "products"],
    "Checkout Step Viewed": ["checkout_id", "step", "shipping_method", "payment_method"],
    "Checkout Step Completed": ["checkout_id", "step", "shipping_method", "payment_method"],
    "Payment Info Entered": ["checkout_id", "order_id", "step", "payment_method"],
    "Order Completed": [
        "checkout_id",
        "order_id",
        "total",
        "revenue",
        "tax",
        "currency",
        "products",
    ],
    "Order Updated": ["order_id", "total", "revenue", "currency", "products"],
    "Order Refunded": ["order_id", "total", "currency", "products"],
    "Order Cancelled": ["order_id", "total", "currency", "products"],
    "Coupon Entered": ["order_id", "cart_id", "coupon_id"],
    "Coupon Applied": ["order_id", "cart_id", "coupon_id", "coupon_name", "discount"],
    "Coupon Denied": ["order_id", "cart_id", "coupon", "reason"],
    "Coupon Removed": ["order_id", "cart_id", "coupon_id", "coupon_name", "discount"],
    "Product Added to Wishlist": ["wishlist_id", "wishlist_name", "product_id", "price"],
    "Product Removed from Wishlist": ["wishlist_id", "wishlist_name", "product_id", "price"],
    "Wishlist Product Added to Cart": ["wishlist_id", "cart_id", "product_id", "price"],
    "Product Shared": ["share_via", "share_message", "recipient", "product_id"],
    "Cart Shared": ["share_via", "share_message", "recipient", "cart_id", "products"],
    "Product Reviewed": ["product_id", "review_id", "review_body", "rating"],
    "Account Created": ["account_name", "email", "plan"],
    "Account Deleted": ["account_name", "reason"],
    "Signed Up": ["email", "first_name", "last_name", "plan", "referrer"],
    "Signed In": ["username", "method"],
    "Signed Out": ["username"],
    "Invite Sent": ["invitee_email", "invitee_role", "invitee_first_name"],
    "Account Added User": ["role"],
    "Account Removed User": ["role"],
    "Trial Started": ["trial_start_date", "trial_end_date", "trial_plan_name"],
    "Trial Ended": ["trial_start_date", "trial_end_date", "trial_plan_name"],
    "Video Playback Started": ["session_id", "content_asset_id", "position", "total_length"],
    "Video Playback Paused": ["session_id", "content_asset_id", "position", "total_length"],
    "Video Playback Resumed": ["session_id", "content_asset_id", "position", "total_length"],
    "Video Playback Completed": ["session_id", "content_asset_id", "position", "total_length"],
    "Video Playback Buffer Started": ["session_id", "position", "bitrate"],
    "Video Playback Buffer Completed": ["session_id", "position", "bitrate"],
    "Video Content Started": ["session_id", "asset_id", "title", "program", "season"],
    "Video Content Completed": ["session_id", "asset_id", "title", "program", "season"],
    "Video Ad Started": ["session_id", "asset_id", "pod_id", "type", "publisher"],
    "Video Ad Completed": ["session_id", "asset_id", "pod_id", "type", "publisher"],
    "Application Installed": ["version", "build"],
    "Application Opened": ["from_background", "referring_application", "url"],
    "Application Backgrounded": [],
    "Application Updated": ["previous_version", "version", "build"],
    "Application Uninstalled": [],
    "Application Crashed": ["error_message", "version"],
    "Push Notification Received": ["campaign_id", "campaign_name", "campaign_medium"],
    "Push Notification Tapped": ["campaign_id", "campaign_name", "action_identifier"],
    "Deep Link Opened": ["provider", "url"],
}
OBJECTS = [
    "Report", "Dashboard", "Project", "Task", "Comment", "Invoice", "Document", "Folder",
    "Workspace", "Integration", "Webhook", "API Key", "Team", "Seat", "Subscription",
    "Payment Method", "Notification", "Filter", "Template", "Export", "Board", "Sprint",
    "Milestone", "Label", "Attachment", "Contact", "Deal", "Lead", "Campaign", "Audience",
    "Survey", "Form", "Ticket", "Article", "Workflow",
]  # fmt: skip
ACTIONS = [
    "Created", "Viewed", "Updated", "Deleted", "Shared", "Exported", "Archived", "Restored",
    "Duplicated", "Renamed", "Opened", "Closed", "Assigned", "Completed", "Published",
]  # fmt: skip
OBJECT_PROPS = ["name", "source", "item_count", "is_template", "visibility", "tags"]
MOBILE_EVENTS = [
    "onboarding_step_completed", "onboarding_skipped", "tutorial_started", "tutorial_finished",
    "dark_mode_toggled", "biometric_login_enabled", "offline_mode_entered", "sync_completed",
    "sync_failed", "widget_added", "widget_removed", "app_rated", "rating_prompt_dismissed",
    "camera_permission_granted", "camera_permission_denied", "location_permission_granted",
    "photo_uploaded", "photo_upload_failed", "voice_note_recorded", "voice_note_played",
    "scan_completed", "scan_failed", "qr_code_scanned", "receipt_captured", "receipt_submitted",
    "home_screen_viewed", "settings_screen_viewed", "profile_screen_viewed", "task_swiped",
    "task_snoozed", "reminder_set", "reminder_fired", "reminder_dismissed", "order_completed",
    "signed_in",
]  # fmt: skip
CAMEL_EVENTS = ["shareSheetOpened", "quickActionUsed", "pullToRefresh", "tabSwitched",
                "searchBarFocused"]  # fmt: skip
TYPES = {
    "price": "number", "total": "number", "revenue": "number", "tax": "number",
    "value": "number", "discount": "number", "rating": "integer", "quantity": "integer",
    "position": "integer", "step": "integer", "item_count": "integer", "total_length": "integer",
    "bitrate": "integer", "season": "integer", "is_template": "boolean",
    "from_background": "boolean", "products": "array", "filters": "array", "sorts": "array",
    "tags": "array",
}  # fmt: skip


def prop(rng: random.Random, name: str, kind: str | None = None) -> dict:
    body: dict = {"type": kind or TYPES.get(name, "string")}
    if name == "products":
        body["items"] = {
            "type": "object",
            "properties": {
                "product_id": {"type": "string", "description": "Database id of the product."},
                "price": {"type": "number", "description": "Price in the order's currency."},
                "quantity": {"type": "integer", "description": "Units bought."},
            },
        }
    if rng.random() < 0.55:
        body["description"] = f"The {name.replace('_', ' ')}."
    return body


def rule(rng: random.Random, key: str, props: dict, required: list[str]) -> dict:
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "labels": {},
        "properties": {
            "context": {},
            "traits": {"type": "object", "properties": {}},
            "properties": {"type": "object", "properties": props, "required": required},
        },
    }
    if rng.random() < 0.85:
        schema["description"] = f"Fires when {key.lower().replace('_', ' ')} happens."
    return {"key": key, "type": "TRACK", "version": 1, "jsonSchema": schema}


def build() -> dict:
    rng = random.Random(11)
    rules = []
    for key, names in SPEC_EVENTS.items():
        props = {"user_id": prop(rng, "user_id")} | {n: prop(rng, n) for n in names}
        rules.append(rule(rng, key, props, ["user_id"]))
    pairs = [(o, a) for o in OBJECTS for a in ACTIONS]
    rng.shuffle(pairs)
    for obj, action in sorted(pairs[:330]):
        ident = obj.lower().replace(" ", "_") + "_id"
        names = rng.sample(OBJECT_PROPS, 3)
        props = {"user_id": prop(rng, "user_id"), "account_id": prop(rng, "account_id"),
                 ident: prop(rng, ident)} | {n: prop(rng, n) for n in names}  # fmt: skip
        rules.append(rule(rng, f"{obj} {action}", props, ["user_id", ident]))
    for key in MOBILE_EVENTS:  # the mobile team: snake_case, user_id as an integer
        props = {"user_id": prop(rng, "user_id", "integer"), "platform": prop(rng, "platform")}
        if key == "order_completed":
            props["order_id"] = prop(rng, "order_id", "integer")
            props["total"] = prop(rng, "total")
        if key == "receipt_submitted":
            props["order_id"] = prop(rng, "order_id", "integer")
        rules.append(rule(rng, key, props, ["user_id"]))
    for key in CAMEL_EVENTS:  # a contractor's SDK: camelCase, userId
        props = {"userId": prop(rng, "userId"), "screenName": prop(rng, "screenName")}
        if key == "shareSheetOpened":
            props["orderId"] = prop(rng, "orderId")
        rules.append(rule(rng, key, props, []))
    return {
        "id": "rs_2Lmz9XkqA0b1cD2eF3gH4iJ5kL6",
        "name": "Acme Web and Mobile",
        "slug": "acme-web-and-mobile",
        "type": "LIVE",
        "rules": rules,
    }


if __name__ == "__main__":
    out = Path(__file__).with_name("tracking-plan.json")
    out.write_text(json.dumps(build(), indent=2) + "\n", encoding="utf-8")
