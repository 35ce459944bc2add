"""Publishing: checks on a built site, and atomic deploys to where the public reads it."""
