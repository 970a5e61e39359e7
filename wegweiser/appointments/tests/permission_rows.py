"""Permission-matrix rows of the appointments app, one module per area."""

from . import rows_invitations, rows_lottery, rows_office, rows_public

ROWS = rows_public.ROWS + rows_office.ROWS + rows_lottery.ROWS + rows_invitations.ROWS
