import { CATALOG_SCHEMA_VERSION, CatalogInput } from '../contracts/catalog.contract';
import { demoProcedures } from './data/demo-procedures';
import { businessInvestmentProcedures } from './data/procedures-business-investment';
import { civilStatusProcedures } from './data/procedures-civil-status';
import { constructionProcedures } from './data/procedures-construction';
import { landProcedures } from './data/procedures-land';
import { residenceProcedures } from './data/procedures-residence';
import { socialInsuranceProcedures } from './data/procedures-social-insurance';
import { phuThoUnits } from './data/units-phu-tho';
import { vinhPhucHistoricUnits } from './data/units-vinh-phuc-historic';

/** Bump on every change to the data below; dossiers record the version they were opened with. */
export const SHIPPED_CATALOG_VERSION = '2025.07.1';

/** The catalogue as authored, before validation; loadShippedCatalog() is what consumers use. */
export const shippedCatalogInput: CatalogInput = {
  schemaVersion: CATALOG_SCHEMA_VERSION,
  catalogVersion: SHIPPED_CATALOG_VERSION,
  units: [...vinhPhucHistoricUnits, ...phuThoUnits],
  procedures: [
    ...civilStatusProcedures,
    ...residenceProcedures,
    ...landProcedures,
    ...constructionProcedures,
    ...businessInvestmentProcedures,
    ...socialInsuranceProcedures,
    ...demoProcedures,
  ],
};
