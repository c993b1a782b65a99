"""Platform operators keep the Django admin for organisations only (reintegra.orgs.admin). An
organisation's own administrator manages its accounts through the staff screens
(accounts:staff_list); an operator starts a new organisation's first administrator with
`manage.py add_org_admin`."""
