import type { z } from 'zod';
import { CalendarVersionSummary } from './admin.contract';
import { LookupRequest, LookupResponse } from './citizen.contract';
import * as commands from './commands.contract';
import { Applicant, ReceptionDecision, SubmitDossierRequest, SubmitDossierResponse } from './dossiers.contract';
import { ApplicantResponse, FormResponse } from './forms.contract';
import { CodecPayloads, HealthResponse, ReadinessResponse } from './operations.contract';
import { MeResponse, Role } from './principal.contract';
import { ProblemDetails } from './problem.contract';
import * as reads from './reads.contract';
import { IndicatorsReport, StatisticsRow } from './statistics.contract';
import { InboxChange, InboxStreamMessage, UnitConsumptionResponse } from './pages.contract';

/** The HTTP API's named shapes: exported as JSON Schema files besides the OpenAPI document. */
export const API_SCHEMAS: z.ZodType[] = [
  ProblemDetails,
  Role,
  MeResponse,
  HealthResponse,
  ReadinessResponse,
  CodecPayloads,
  Applicant,
  ReceptionDecision,
  SubmitDossierRequest,
  SubmitDossierResponse,
  commands.ClaimTaskBody,
  commands.CompleteTaskBody,
  commands.ReturnTaskBody,
  commands.TransferTaskBody,
  commands.ReassignTaskBody,
  commands.RequestSupplementBody,
  commands.RequestPaymentBody,
  commands.ExtendDossierBody,
  commands.StopDossierBody,
  commands.RecordPaymentBody,
  commands.ReturnResultBody,
  commands.ResubmitSupplementBody,
  commands.WithdrawDossierBody,
  commands.CitizenRatingBody,
  commands.CitizenComplaintBody,
  commands.CommandResponse,
  reads.InboxItem,
  reads.InboxResponse,
  reads.SlaBoardItem,
  reads.SlaBoardResponse,
  reads.SlaBoardUnitsResponse,
  reads.SlaAlertMessage,
  reads.RegisterRow,
  reads.RegisterResponse,
  reads.TimelineEvent,
  reads.EventsResponse,
  reads.SlipRow,
  reads.SlipResponse,
  reads.LedgerResponse,
  reads.ConsumptionResponse,
  reads.DossierView,
  LookupRequest,
  LookupResponse,
  FormResponse,
  ApplicantResponse,
  CalendarVersionSummary,
  StatisticsRow,
  IndicatorsReport,
  InboxChange,
  InboxStreamMessage,
  UnitConsumptionResponse,
];
