"""placeholder"""
def extract_relations(doc, lexicon, mentions):
    return []
