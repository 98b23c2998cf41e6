"""Materialising schedules: turn due occurrences into transactions (or reminders), once.

Called by the `materialise_recurring` job (`materialise_due`, one batch per unit of work)
and by `service.edit` (`catch_up`, for one schedule before its terms change). Exactly-once
rests on the database, not on this process: due schedules are claimed with FOR UPDATE SKIP
LOCKED, and each (schedule, date) is inserted into schedule_occurrences before its
transaction, with ON CONFLICT DO NOTHING, in the same database transaction. A second
scheduler, a restart after a crash or a repeated run therefore finds the date taken and
creates nothing. Catch-up is natural: every date from `next_due` to today is created on its
own date, none coalesced, at most MAX_PER_PASS of them per schedule and pass: the rest wait
for the next pass (`next_due` stays on the first date not created), so one pass never turns
a long-missed daily schedule into tens of thousands of rows.

The scheduler acts for the schedule's owner, re-checked as a member with write rights each
time; when that fails the schedule is paused and the workspace's owners are told.
"""

from __future__ import annotations

from datetime import date
from itertools import islice

from fopymes_server.core.money import format_money, from_minor
from fopymes_server.core.principal import Principal, Role
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.events import service as events
from fopymes_server.identity.acting import acting_for, can_write, member_ids
from fopymes_server.notifications import service as notifications
from fopymes_server.notifications.rules import NotificationType, dedupe_key
from fopymes_server.notifications.schemas import NotificationDraft
from fopymes_server.scheduled.repository import ScheduleRecord
from fopymes_server.scheduled.rules import next_occurrences, occurrences
from fopymes_server.scheduled.schemas import MaterialiseResult, OccurrenceStatus, ScheduleMode
from fopymes_server.scheduled.stored import recurrence_of, transaction_values

BATCH = 100
"""Schedules per unit of work: small enough to keep locks short, large enough to be fast."""
MAX_PER_PASS = 500
"""Occurrences one pass creates for one schedule; later dates wait for the next pass."""
LOST_RIGHTS = "its owner can no longer write in this workspace"


def materialise_due(
    uow: UnitOfWork,
    *,
    today: date,
    batch: int = BATCH,
    carried: frozenset[int] = frozenset(),
    limit: int = MAX_PER_PASS,
) -> MaterialiseResult:
    """Claim up to `batch` schedules due on or before `today` and materialise them; commits.

    At most `limit` dates of one schedule are created; a schedule with more due is named
    in `result.carried` and stays due. A pass passes the ids carried so far back in as
    `carried`, so it claims each schedule once. Returns what was done; `schedules == 0`
    means nothing is due any more for this pass (callers loop until then). Every claimed
    schedule leaves the due set or is carried, so the loop always ends.
    """
    result = MaterialiseResult()
    claimed = uow.scheduled.claim_due(today, batch, skip=carried)
    _materialise(uow, claimed, through=today, result=result, limit=limit)
    uow.commit()
    return result


def catch_up(uow: UnitOfWork, record: ScheduleRecord, *, through: date) -> None:
    """Materialise one (locked) schedule's dates up to `through` (the caller commits)."""
    if record.paused_at is None and record.next_due is not None and record.next_due <= through:
        _materialise(uow, [record], through=through, result=MaterialiseResult(), limit=None)


def can_act(uow: UnitOfWork, record: ScheduleRecord) -> bool:
    """Whether the schedule's owner is still a member who may write."""
    return can_write(acting_for(uow, record.workspace_id, record.owner_id))


def _materialise(
    uow: UnitOfWork,
    records: list[ScheduleRecord],
    *,
    through: date,
    result: MaterialiseResult,
    limit: int | None,
) -> None:
    """Materialise claimed schedules in a few statements per batch, not per occurrence:
    one insert claims every (schedule, date), one inserts the transactions, one links them.
    With a `limit`, a schedule's dates past it are left for later (see materialise_due)."""
    actors: dict[tuple[int, int], Principal | None] = {}
    wanted: list[tuple[ScheduleRecord, Principal, list[date]]] = []
    cursors: list[tuple[int, date | None]] = []
    for record in records:
        assert record.next_due is not None
        result.schedules += 1
        key = (record.workspace_id, record.owner_id)
        if key not in actors:
            actors[key] = acting_for(uow, *key)
        actor = actors[key]
        if actor is None or not can_write(actor):
            _pause_for_lost_rights(uow, record)
            result.paused += 1
            continue
        rule = recurrence_of(record)
        due = occurrences(rule, record.next_due, through)
        dates = list(due if limit is None else islice(due, limit + 1))
        if limit is not None and len(dates) > limit:
            cursor: date | None = dates.pop()
            result.carried.append(record.id)
        else:
            following = next_occurrences(rule, through, 1)
            cursor = following[0] if following else None
        cursors.append((record.id, cursor))
        wanted.append((record, actor, dates))
    uow.scheduled.set_next_due_many(cursors)
    now = uow.clock.now()
    claims = [
        (record.workspace_id, record.id, day, _status(record))
        for record, _, dates in wanted
        for day in dates
    ]
    taken = uow.schedule_occurrences.add_occurrences_many(claims, now)
    to_post = [
        (record, actor, taken[record.id])
        for record, actor, _ in wanted
        if record.id in taken and record.mode == ScheduleMode.POST.value
    ]
    rows = [
        transaction_values(record, day, user_id=actor.user_id, now=now)
        | {"workspace_id": record.workspace_id}
        for record, actor, pairs in to_post
        for _, day in pairs
    ]
    transaction_ids = iter(uow.transactions.insert_returning_ids(rows))
    links: list[tuple[int, int]] = []
    for record, actor, pairs in to_post:
        ids = [next(transaction_ids) for _ in pairs]
        links.extend((occurrence_id, tx) for (occurrence_id, _), tx in zip(pairs, ids, strict=True))
        result.posted += len(pairs)
        posted_dates = [day.isoformat() for _, day in pairs]
        events.record(
            uow,
            actor,
            "schedule.posted",
            entity_id=record.id,
            payload={"dates": posted_dates, "transaction_ids": ids},
        )
        _tell_posted(uow, actor, record, posted_dates)
    uow.schedule_occurrences.link_transactions(links)
    for record, actor, _ in wanted:
        if record.id in taken and record.mode == ScheduleMode.REMIND.value:
            _remind(uow, actor, record, taken[record.id])
            result.reminders += len(taken[record.id])


def _status(record: ScheduleRecord) -> OccurrenceStatus:
    remind = record.mode == ScheduleMode.REMIND.value
    return OccurrenceStatus.PENDING if remind else OccurrenceStatus.POSTED


def _money(record: ScheduleRecord) -> str:
    return format_money(from_minor(record.amount_minor, record.currency), record.currency)


def _tell_posted(
    uow: UnitOfWork, actor: Principal, record: ScheduleRecord, dates: list[str]
) -> None:
    what = record.kind
    if len(dates) == 1:
        body = f"The {what} '{record.name}' ({_money(record)}) was recorded for {dates[0]}."
    else:
        body = (
            f"{len(dates)} missed occurrences of the {what} '{record.name}' ({_money(record)} "
            f"each) were recorded, each on its own date: {', '.join(dates)}."
        )
    draft = NotificationDraft(
        type=NotificationType.SCHEDULE_POSTED.value,
        title=f"Recorded: {record.name}",
        body=body,
        dedupe_key=dedupe_key(NotificationType.SCHEDULE_POSTED, record.id, dates[0]),
        entity_type="schedule",
        entity_id=record.id,
    )
    notifications.notify(uow, actor, recipients=[record.owner_id], draft=draft)


def _remind(
    uow: UnitOfWork, actor: Principal, record: ScheduleRecord, taken: list[tuple[int, date]]
) -> None:
    """One reminder per schedule and run, however many dates a catch-up made pending."""
    ids = [occurrence_id for occurrence_id, _ in taken]
    events.record(uow, actor, "schedule.due", entity_id=record.id, payload={"occurrences": ids})
    first_id, first_day = taken[0]
    if len(taken) == 1:
        body = (
            f"'{record.name}' ({_money(record)}) is due on {first_day.isoformat()}. Confirm "
            f"it with 'fopymes schedule confirm {first_id}' (add --amount if it differed) or "
            f"skip it with 'fopymes schedule skip {first_id}'."
        )
    else:
        listed = ", ".join(f"{day.isoformat()} (#{oid})" for oid, day in taken)
        body = (
            f"{len(taken)} dates of '{record.name}' ({_money(record)} each) wait for you: "
            f"{listed}. Confirm or skip each with 'fopymes schedule confirm ID' or "
            f"'fopymes schedule skip ID' ('fopymes schedule pending' lists them)."
        )
    draft = NotificationDraft(
        type=NotificationType.SCHEDULE_REMINDER.value,
        title=f"To confirm: {record.name}",
        body=body,
        dedupe_key=dedupe_key(NotificationType.SCHEDULE_REMINDER, record.id, first_day.isoformat()),
        entity_type="schedule_occurrence" if len(taken) == 1 else "schedule",
        entity_id=first_id if len(taken) == 1 else record.id,
    )
    notifications.notify(uow, actor, recipients=[record.owner_id], draft=draft)


def _pause_for_lost_rights(uow: UnitOfWork, record: ScheduleRecord) -> None:
    now = uow.clock.now()
    uow.scheduled.pause_by_system(record.id, now, LOST_RIGHTS)
    owners = member_ids(uow, record.workspace_id, roles=(Role.OWNER,))
    if not owners:
        return
    acting_owner = Principal(user_id=owners[0], workspace_id=record.workspace_id, role=Role.OWNER)
    events.record(uow, acting_owner, "schedule.paused", entity_id=record.id)
    draft = NotificationDraft(
        type=NotificationType.SCHEDULE_PAUSED.value,
        title=f"Paused: {record.name}",
        body=(
            f"The schedule '{record.name}' was paused because {LOST_RIGHTS}. Nothing was "
            f"recorded for it. An editor or owner can take it over with "
            f"'fopymes schedule resume {record.id}'."
        ),
        dedupe_key=dedupe_key(NotificationType.SCHEDULE_PAUSED, record.id, now.date().isoformat()),
        entity_type="schedule",
        entity_id=record.id,
    )
    notifications.notify(uow, acting_owner, recipients=owners, draft=draft)
