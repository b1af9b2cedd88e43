"""placeholder"""
def extract_targets(doc, lexicon):
    return []
