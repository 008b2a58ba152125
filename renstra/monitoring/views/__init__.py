"""Monitoring pages, one module per page or group of pages:

    grid              the realization grid of a year (one row per indicator, saved in place)
    indicator         one indicator's year: note, cause of a shortfall, evidence, approval
    bulk              submitting or approving every figure a grid shows
    budget            budget realization per kegiatan
    due               what is due and not yet entered ("belum diisi"), per owner
    owners            who answers for each indicator (penanggung jawab)
    evaluation_table  the evaluation table of Permendagri 86/2017, on the page and as files
    dashboard         the dashboard's charts, on the page and as a PDF
    evidence          downloading and deleting evidence files
    upload            the CSV import of realization

`common` holds what they share: the year check, the context every page gets, the posted cells
of a row. Views read the request, call one service of renstra.monitoring.services, render.
"""
