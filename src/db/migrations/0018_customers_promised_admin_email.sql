-- The Wholesale customer create and precheck ask whether a customer still being provisioned has
-- promised its admin account to an email (services/provisioning/customer-primary-email.ts): an
-- index over those few rows, instead of reading every customer on each create.
create index customers_provisioning_admin_email on customers (admin_email) where status = 'provisioning';
