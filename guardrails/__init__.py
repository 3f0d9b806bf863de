"""Input rails, output rails, safety answers and the offline rule engine."""
