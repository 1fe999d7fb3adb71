"""Problems - library, test cases, submissions and scores."""
