from enum import Enum


class Events(str, Enum):
    SIGNED_UP = "Signed Up"


ORDER_COMPLETED = "Order Completed"
