"""Form EOIR-33/IC on paper.

- :mod:`forms.eoir33.model`: the plain data (``Eoir33Form`` …), imported by the core;
- :mod:`forms.eoir33.paper`: ``render_eoir33``, the replica on blank paper;
- :mod:`forms.eoir33.official`: ``fill_official_pdf`` and ``official_fields_missing``, for EOIR's
  own fillable PDF when an administrator provides it;
- :mod:`forms.eoir33.next_steps`: ``NextSteps`` and ``render_next_steps``, the person's sheet.

Nothing is imported here: the core imports the model without paying for reportlab and pypdf.
"""
