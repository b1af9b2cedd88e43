"""placeholder"""
def extract_responsibilities(doc, lexicon, mentions):
    return [], []
