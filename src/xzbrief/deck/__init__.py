"""Planning a briefing: recipe + dataset -> a plain deck model with its Chinese narrative."""
