"""Demo content for Tsunagari, written for the fictional Hinata Foods (ひなた食品).

Used by `manage.py seed_demo`.

Modules: `illustrations` draws the pictures, `images` says which pictures exist, `spec` describes content as
data, `stories` and `site` hold the words, `seeder` writes it all to the database.
"""
