"""Per account and month, what moved in and out: balances without summing every row.

An account's balance on a day is its opening balance plus every leg dated up to that day.
Summed from the transactions themselves that is a scan of the whole ledger, so at a million
rows `account list` and `report networth` cost most of a second on SQLite. Here each
(account, currency, month) keeps the sum of its legs and of its cleared legs; a balance is
then the months before the day's month from this table plus that month's own rows, and a
net-worth curve is this table alone.

The table is kept by triggers on `transactions`, in the same database transaction as the
rows that change it (on PostgreSQL an INSERT statement's rows are summed once, from its
transition table; SQLite has only row triggers), so no write path can forget it (the
service, bulk inserts of imports and schedules, edits, status changes, deletes, raw SQL).
A leg is what `accounts.balances` calls one: the row's own account, signed by its kind
(+ income, - expense and transfer out), and for a transfer the account it reached, + what
arrived, in that account's currency. A cleared leg is one of status cleared or
reconciled. Removing a row's old legs only updates existing sums (never inserts), so a
workspace deleted with its rows leaves nothing behind.

Revision ID: 0010_account_month_flows
Revises: 0009_goal_and_debt_accounts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_account_month_flows"
down_revision: str | None = "0009_goal_and_debt_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = ("insert", "update", "delete")
WATCHED = (
    "kind, amount_minor, currency, date, payment_method_id, counter_account_id, "
    "counter_amount_minor, status"
)


def _legs(row: str, month: str) -> list[tuple[str, str, str, str, str, str]]:
    """(guard, account, currency, month, signed, cleared) of the two legs of `row`."""
    signed = f"CASE WHEN {row}.kind = 'income' THEN {row}.amount_minor ELSE -{row}.amount_minor END"
    cleared = f"{row}.status IN ('cleared', 'reconciled')"
    counter_currency = f"(SELECT currency FROM payment_methods WHERE id = {row}.counter_account_id)"
    return [
        (
            f"{row}.payment_method_id IS NOT NULL",
            f"{row}.payment_method_id",
            f"{row}.currency",
            month,
            signed,
            f"CASE WHEN {cleared} THEN {signed} ELSE 0 END",
        ),
        (
            f"{row}.counter_account_id IS NOT NULL",
            f"{row}.counter_account_id",
            counter_currency,
            month,
            f"{row}.counter_amount_minor",
            f"CASE WHEN {cleared} THEN {row}.counter_amount_minor ELSE 0 END",
        ),
    ]


def _add(row: str, month: str, existing: str) -> list[str]:
    return [
        "INSERT INTO account_month_flows (workspace_id, account_id, currency, month, "
        f"flow_minor, cleared_minor) SELECT {row}.workspace_id, {account}, {currency}, {when}, "
        f"{signed}, {cleared} WHERE {guard} ON CONFLICT (account_id, currency, month) DO UPDATE "
        f"SET flow_minor = {existing}flow_minor + excluded.flow_minor, "
        f"cleared_minor = {existing}cleared_minor + excluded.cleared_minor;"
        for guard, account, currency, when, signed, cleared in _legs(row, month)
    ]


def _take(row: str, month: str) -> list[str]:
    return [
        f"UPDATE account_month_flows SET flow_minor = flow_minor - ({signed}), "
        f"cleared_minor = cleared_minor - ({cleared}) WHERE {guard} AND account_id = {account} "
        f"AND currency = {currency} AND month = {when};"
        for guard, account, currency, when, signed, cleared in _legs(row, month)
    ]


def _sqlite_triggers() -> None:
    def month(row: str) -> str:
        return f"date({row}.date, 'start of month')"

    bodies = {
        "insert": ("AFTER INSERT ON transactions", _add("NEW", month("NEW"), "")),
        "update": (
            f"AFTER UPDATE OF {WATCHED} ON transactions",
            [*_take("OLD", month("OLD")), *_add("NEW", month("NEW"), "")],
        ),
        "delete": ("AFTER DELETE ON transactions", _take("OLD", month("OLD"))),
    }
    for name, (when, statements) in bodies.items():
        op.execute(
            f"CREATE TRIGGER trg_transactions_month_flows_{name} {when} FOR EACH ROW BEGIN "
            + " ".join(statements)
            + " END"
        )


def _sums_of(rows: str, month: str) -> str:
    """SELECT of the summed legs of every row of `rows` (a table, or a trigger's transition
    table), one line per (account, currency, month): what the month table holds."""
    signed = "CASE WHEN t.kind = 'income' THEN t.amount_minor ELSE -t.amount_minor END"
    cleared = "t.status IN ('cleared', 'reconciled')"
    return (
        "SELECT workspace_id, account_id, currency, month, SUM(signed), SUM(cleared) FROM ("
        f"SELECT t.workspace_id, t.payment_method_id AS account_id, t.currency, {month} AS month, "
        f"{signed} AS signed, CASE WHEN {cleared} THEN {signed} ELSE 0 END AS cleared "
        f"FROM {rows} t WHERE t.payment_method_id IS NOT NULL UNION ALL "
        f"SELECT t.workspace_id, t.counter_account_id, a.currency, {month}, "
        f"t.counter_amount_minor, CASE WHEN {cleared} THEN t.counter_amount_minor ELSE 0 END "
        f"FROM {rows} t JOIN payment_methods a ON a.id = t.counter_account_id"
        ") legs GROUP BY workspace_id, account_id, currency, month"
    )


INSERT_SUMS = (
    "INSERT INTO account_month_flows (workspace_id, account_id, currency, month, flow_minor, "
    "cleared_minor) "
)


def _postgresql_triggers() -> None:
    """An INSERT statement adds its rows' sums once, from its transition table (a COPY or a
    bulk insert of thousands of rows is one upsert per account and month, not one per row);
    updates and deletes, one row at a time, move their rows' legs."""

    def month(row: str) -> str:
        return f"date_trunc('month', {row}.date)::date"

    table = "account_month_flows."
    take = " ".join(_take("OLD", month("OLD")))
    add = " ".join(_add("NEW", month("NEW"), table))
    op.execute(
        "CREATE FUNCTION fopymes_account_month_flows_inserted() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        + INSERT_SUMS
        + _sums_of("inserted_rows", month("t"))
        + " ON CONFLICT (account_id, currency, month) DO UPDATE SET "
        "flow_minor = account_month_flows.flow_minor + excluded.flow_minor, "
        "cleared_minor = account_month_flows.cleared_minor + excluded.cleared_minor; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER trg_transactions_month_flows AFTER INSERT ON transactions "
        "REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION fopymes_account_month_flows_inserted()"
    )
    op.execute(
        "CREATE FUNCTION fopymes_account_month_flows() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {take} IF TG_OP = 'UPDATE' THEN {add} END IF; RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER trg_transactions_month_flows_change AFTER DELETE OR UPDATE OF "
        f"{WATCHED} ON transactions FOR EACH ROW EXECUTE FUNCTION fopymes_account_month_flows()"
    )


def upgrade() -> None:
    op.create_table(
        "account_month_flows",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("flow_minor", sa.BigInteger(), nullable=False),
        sa.Column("cleared_minor", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_account_month_flows_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["payment_methods.id"],
            name=op.f("fk_account_month_flows_account_id_payment_methods"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "account_id", "currency", "month", name=op.f("pk_account_month_flows")
        ),
    )
    op.create_index(
        "ix_account_month_flows_ws_month", "account_month_flows", ["workspace_id", "month"]
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    month = "date(t.date, 'start of month')" if sqlite else "date_trunc('month', t.date)::date"
    op.execute(INSERT_SUMS + _sums_of("transactions", month))
    if sqlite:
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER trg_transactions_month_flows_{name}")
    else:
        op.execute("DROP TRIGGER trg_transactions_month_flows ON transactions")
        op.execute("DROP TRIGGER trg_transactions_month_flows_change ON transactions")
        op.execute("DROP FUNCTION fopymes_account_month_flows_inserted()")
        op.execute("DROP FUNCTION fopymes_account_month_flows()")
    op.drop_index("ix_account_month_flows_ws_month", table_name="account_month_flows")
    op.drop_table("account_month_flows")
