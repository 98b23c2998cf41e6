"""One router per feature; each only translates HTTP to one service call and back."""
