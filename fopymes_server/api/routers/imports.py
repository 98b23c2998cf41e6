"""/workspaces/{workspace_id}/imports: bank statements (CSV, OFX/QFX) and CSV profiles.

The statement is the raw request body (no multipart): `text/csv` for CSV, read with a
saved profile, and `application/x-ofx` (or `application/octet-stream`) for OFX/QFX.
Uploads default to a dry run, the preview `fopymes import --dry-run` prints; with
`dry_run=false` every new line is added in one transaction, or nothing is when any row is
bad (422 listing every bad row with its line).

The body is read in a dependency declared after the principal, so a stranger gets 404
and a viewer 403 before anything looks at the file; bodies above the server's
`max_body_bytes` are refused with 413 while they are read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import Field

from fopymes_server.api import etag, problems
from fopymes_server.api.bodies.common import MAX_INT32, FlagParam, Id, Text
from fopymes_server.api.bodies.import_profiles import ProfileIn, ProfileList, ProfileOut
from fopymes_server.api.bodies.imports import (
    ImportReportOut,
    PlannedLineOut,
    RowErrorOut,
    StatementOut,
    UploadFingerprint,
)
from fopymes_server.api.deps import PrincipalDep, UowDep
from fopymes_server.api.idempotency import IdempotencyKey, respond
from fopymes_server.core.errors import ValidationError
from fopymes_server.core.principal import Principal
from fopymes_server.core.uow import UnitOfWork
from fopymes_server.imports import profiles_service, service
from fopymes_server.imports.schemas import ImportReport

router = APIRouter(prefix="/workspaces/{workspace_id}/imports", tags=["imports"])

ProfileId = Annotated[int, Path(ge=1, le=MAX_INT32, description="A saved profile's id.")]
DryRun = Annotated[
    FlagParam,
    Query(description="true (default): preview only. false: import all new lines or none."),
]
FileName = Annotated[
    Text | None,
    Query(max_length=200, description="The file's name, kept with the import's event."),
]

_CSV_SAMPLE = (
    "Fecha;Concepto;Importe\n02/11/2026;MERCADONA VALENCIA;-45,20\n27/11/2026;NOMINA;2.450,00\n"
)
_OFX_SAMPLE = (  # a whole statement as banks send it: tests/api/test_openapi_examples.py
    "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n"
    "CHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n"
    "<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>"
    "<DTSERVER>20261130120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>"
    "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS>"
    "<CURDEF>EUR<BANKACCTFROM><BANKID>2100<ACCTID>0418401234567891<ACCTTYPE>CHECKING"
    "</BANKACCTFROM><BANKTRANLIST><DTSTART>20261101<DTEND>20261130"
    "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261102<TRNAMT>-45.20<FITID>2026110201"
    "<NAME>MERCADONA</STMTTRN></BANKTRANLIST>"
    "<LEDGERBAL><BALAMT>1000.00<DTASOF>20261130</LEDGERBAL>"
    "</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n"
)


_NORMA43_SAMPLE = (  # trailing blanks of the 80-character records may be left out
    "112100041840123456782611012611302000000001000009783EMPRESA EJEMPLO SL\n"
    "22    0418261102261102120011000000000045200000000001000000000001MERCADONA VALENC\n"
    "3321000418401234567800001000000000045200000000000000000000200000000095480978\n"
    "88999999999999999999000003\n"
)
_CAMT_SAMPLE = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>'
    "<GrpHdr><MsgId>1</MsgId></GrpHdr><Stmt><Id>1</Id>"
    "<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>"
    '<Ntry><Amt Ccy="EUR">45.20</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>'
    "<BookgDt><Dt>2026-11-02</Dt></BookgDt><AcctSvcrRef>2026110201</AcctSvcrRef>"
    "<AddtlNtryInf>MERCADONA</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>\n"
)
_MT940_SAMPLE = (
    ":20:STMT\n:25:NL20INGB0001234567\n:28C:1/1\n:60F:C261031EUR100,00\n"
    ":61:2611021102D45,20NTRFNONREF//AH20261102\n:86:MERCADONA\n"
    ":62F:C261130EUR54,80\n-\n"
)


def _upload_body(example: str, *media_types: str) -> dict[str, Any]:
    """OpenAPI for a raw file body, so clients and schemathesis know what to send."""
    content = {
        media_type: {
            "schema": {"type": "string", "format": "binary"}
            if media_type == "application/octet-stream"
            else {"type": "string"},
            "example": example,
        }
        for media_type in media_types
    }
    return {
        "requestBody": {
            "required": True,
            "description": "The statement file as is, at most the server's max_body_bytes.",
            "content": content,
        }
    }


async def read_upload(request: Request) -> bytes:
    """The raw body; Starlette counts it against max_body_bytes and answers 413 above."""
    return await request.body()


UploadDep = Annotated[bytes, Depends(read_upload)]


def _report_out(report: ImportReport) -> ImportReportOut:
    return ImportReportOut(
        source=report.source,
        dry_run=report.dry_run,
        account=report.account,
        added=report.added,
        new=len(report.lines) - report.duplicates,
        duplicates=report.duplicates,
        lines=[PlannedLineOut.model_validate(line) for line in report.lines],
        errors=[RowErrorOut.model_validate(error) for error in report.errors],
        read_as=report.read_as,
        created=report.created,
        missing=report.missing,
        statements=[
            StatementOut.model_validate(summary, from_attributes=True)
            for summary in report.statements
        ],
        skipped=[RowErrorOut.model_validate(line) for line in report.skipped],
        balance_checks=report.balance_checks,
    )


class _BadRows(Exception):
    """An import with bad rows wrote nothing; carried out of `respond` (which then keeps
    no Idempotency-Key either) to become one 422 listing every row."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.source)
        self.report = report


def _upload(
    request: Request,
    uow: UnitOfWork,
    principal: Principal,
    key: str | None,
    data: bytes,
    run: Callable[[], ImportReport],
) -> Response:
    """Authorize, then judge the body, then import through `respond`.

    An upload is a write endpoint even as a dry run (the preview is the first step of an
    import), so viewers get 403 here although the service would let them preview.
    """
    principal.require_write()
    if not data:
        raise ValidationError("body", "the file is empty; send the statement as the body")
    fingerprint = UploadFingerprint(
        query=str(request.url.query), sha256=hashlib.sha256(data).hexdigest()
    )

    def action() -> ImportReportOut:
        report = run()
        if report.errors and not report.dry_run:
            raise _BadRows(report)
        return _report_out(report)

    try:
        return respond(
            request,
            uow,
            user_id=principal.user_id,
            key=key,
            body=fingerprint,
            status_code=200,
            action=action,
        )
    except _BadRows as bad:
        errors = bad.report.errors
        return problems.problem_response(
            422,
            "validation",
            "The input is not valid",
            service.row_errors_summary(errors),
            hint="fix these lines and upload the file again; a dry run shows them first",
            errors=[
                problems.FieldError(field=f"line {e.line}: {e.field}", message=e.message)
                for e in errors
            ],
        )


@router.post(
    "/csv",
    response_model=ImportReportOut,
    summary="Upload a CSV statement read with a saved profile (dry run by default)",
    responses=problems.responses(*problems.WRITE),
    openapi_extra=_upload_body(_CSV_SAMPLE, "text/csv"),
)
def import_csv(
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    data: UploadDep,
    profile: Annotated[
        Text,
        Query(
            min_length=1,
            max_length=100,
            description="The profile's name or id. Default: the built-in `fopymes`, which "
            "reads fopymes' own CSV export.",
        ),
    ] = profiles_service.BUILTIN_NAME,
    dry_run: DryRun = True,
    create_missing: Annotated[
        FlagParam,
        Query(
            description="Create the categories and payment methods the file names but the "
            "workspace lacks (`created` lists them; `missing` does when this is false)."
        ),
    ] = False,
    filename: FileName = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Like `fopymes import csv FILE --profile NAME [--dry-run]`. The answer lists every
    line (`duplicate` ones are already in the workspace and are skipped) and every bad
    row with its line number; a dry run writes nothing. A file that does not fit the
    profile as a whole (an unknown column) is a 422."""
    return _upload(
        request,
        uow,
        principal,
        idempotency_key,
        data,
        lambda: service.import_csv(
            uow,
            principal,
            data=data,
            source=filename or "upload.csv",
            profile=profile,
            dry_run=dry_run,
            create_missing=create_missing,
        ),
    )


MethodId = Annotated[
    Id | None,
    Query(
        description="The payment method of the statement's account (a file of one account); "
        "remembered for it after a real import. Default: the remembered one, or the only "
        "method whose last four digits match the account."
    ),
]
AccountMap = Annotated[
    list[Annotated[str, Field(pattern=r"^[^=]{1,100}=[1-9][0-9]{0,9}$")]] | None,
    Query(
        max_length=50,
        description="`ACCOUNT=PAYMENT_METHOD_ID` for each account of a file of several "
        "(the account number or IBAN, as `statements` in a dry run shows it).",
    ),
]


def _account_map(pairs: list[str] | None) -> dict[str, str | int]:
    found: dict[str, str | int] = {}
    for pair in pairs or []:
        account, _, method_id = pair.rpartition("=")
        found[account] = int(method_id)
    return found


def _statement_route(fmt: str, path: str, summary: str, example: str, *media: str) -> None:
    """One upload route per account statement format; all work alike (see import_statement_file)."""

    def upload(
        request: Request,
        uow: UowDep,
        principal: PrincipalDep,
        data: UploadDep,
        payment_method_id: MethodId = None,
        account: AccountMap = None,
        dry_run: DryRun = True,
        filename: FileName = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        return _upload(
            request,
            uow,
            principal,
            idempotency_key,
            data,
            lambda: service.import_statement_file(
                uow,
                principal,
                fmt=fmt,
                data=data,
                source=filename or f"upload.{fmt}",
                method=payment_method_id,
                accounts=_account_map(account),
                dry_run=dry_run,
            ),
        )

    upload.__name__ = f"import_{fmt}"
    upload.__doc__ = (
        f"Like `fopymes import {fmt} FILE [--method M] [--account A=M] [--dry-run]`. "
        "`account` in the answer says which payment method each statement went to, and "
        "`statements` lists each account with the balances the file states."
    )
    router.post(
        path,
        response_model=ImportReportOut,
        summary=summary,
        responses=problems.responses(*problems.WRITE),
        openapi_extra=_upload_body(example, *media),
    )(upload)


_statement_route(
    "ofx",
    "/ofx",
    "Upload an OFX or QFX statement (dry run by default)",
    _OFX_SAMPLE,
    "application/x-ofx",
    "application/octet-stream",
)
_statement_route(
    "norma43",
    "/norma43",
    "Upload a Norma 43 (AEB Cuaderno 43) statement (dry run by default)",
    _NORMA43_SAMPLE,
    "text/plain",
    "application/octet-stream",
)
_statement_route(
    "camt",
    "/camt",
    "Upload a CAMT.053 statement, or a CAMT.052/054 (dry run by default)",
    _CAMT_SAMPLE,
    "application/xml",
    "application/octet-stream",
)
_statement_route(
    "mt940",
    "/mt940",
    "Upload an MT940 statement (dry run by default)",
    _MT940_SAMPLE,
    "text/plain",
    "application/octet-stream",
)


def _profile_out(profile: object) -> ProfileOut:
    return ProfileOut.model_validate(profile, from_attributes=True)


@router.get(
    "/profiles",
    response_model=ProfileList,
    summary="CSV import profiles: the built-in `fopymes`, then the saved ones by name",
    responses=problems.responses(304, *problems.READ),
)
def list_profiles(request: Request, uow: UowDep, principal: PrincipalDep) -> Response:
    items = profiles_service.list_profiles(uow, principal)
    body = ProfileList(items=[_profile_out(p) for p in items])
    return etag.json_read(request, body.model_dump_json())


@router.post(
    "/profiles",
    status_code=201,
    response_model=ProfileOut,
    summary="Save how to read one bank's CSV under a name",
    responses=problems.responses(*problems.WRITE),
)
def add_profile(
    body: ProfileIn,
    request: Request,
    uow: UowDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Names are unique in the workspace, any case (`fopymes` included): 409 otherwise.
    The mapping needs `amount`, or `debit` and/or `credit`, not both kinds (422)."""
    return respond(
        request,
        uow,
        user_id=principal.user_id,
        key=idempotency_key,
        body=body,
        action=lambda: _profile_out(
            profiles_service.add_profile(
                uow, principal, name=body.name, mapping=body.mapping.to_mapping()
            )
        ),
        location=lambda made: f"{request.url.path}/{made['id']}",
    )


@router.get(
    "/profiles/{profile_id}",
    response_model=ProfileOut,
    summary="One saved profile with every setting",
    responses=problems.responses(304, *problems.READ),
)
def get_profile(
    request: Request, profile_id: ProfileId, uow: UowDep, principal: PrincipalDep
) -> Response:
    found = _profile_out(profiles_service.profile_by_id(uow, principal, profile_id))
    return etag.json_read(request, found.model_dump_json())


@router.delete(
    "/profiles/{profile_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a saved profile (transactions it imported stay)",
    responses=problems.responses(*problems.WRITE),
)
def delete_profile(profile_id: ProfileId, uow: UowDep, principal: PrincipalDep) -> Response:
    profiles_service.remove_profile_by_id(uow, principal, profile_id)
    return Response(status_code=204)
