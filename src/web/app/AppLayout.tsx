/** The signed-in frame: header with the clinic and the user, role-aware navigation (a drawer below 48em), main. */
import { AppShell, Badge, Box, Burger, Button, Group, NavLink, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSafetyAlerts } from '../features/safety/queries';
import { Icon } from './icons';
import { ROLE_LABEL } from './labels';
import { homeFor, navFor } from './nav';
import { leaveSignInNotice, signOut, useSession } from './session';

export function AppLayout() {
  const me = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const items = navFor(me.user.role);
  // The open safety alerts, for the badge beside "Safety queue" (shares its cache with the queue page).
  const openAlerts = useSafetyAlerts({ status: 'open' }, me.user.role !== 'patient');
  const openCount = openAlerts.data?.length ?? 0;
  // Below the "sm" breakpoint the navigation is a drawer: while closed it must not be reachable by keyboard.
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;
  const hidden = narrow && !opened;
  const navRef = useRef<HTMLDivElement>(null);
  const burgerRef = useRef<HTMLButtonElement>(null);

  useEffect(close, [location.pathname, close]);
  useEffect(() => {
    if (narrow && opened) navRef.current?.querySelector<HTMLElement>('a, button')?.focus();
  }, [narrow, opened]);
  const onNavKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape' && narrow && opened) {
      close();
      burgerRef.current?.focus();
    }
  };

  const onSignOut = async () => {
    leaveSignInNotice({ notice: 'You have signed out.' });
    await signOut(queryClient);
    navigate('/sign-in', { replace: true, state: { notice: 'You have signed out.' } });
  };

  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'md', sm: 'xl' }}
      >
        <AppShell.Header px="md">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger
                ref={burgerRef}
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
              <UnstyledButton component={Link} to={homeFor(me.user.role)} aria-label="Tilth home" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <Box c="sage.7" style={{ display: 'flex' }}>
                  <Icon name="leaf" size={26} />
                </Box>
                <Text fw={700} fz="lg" c="sage.9">
                  Tilth
                </Text>
              </UnstyledButton>
              <Text c="dimmed" fz="sm" truncate visibleFrom="xs">
                {me.clinic.name}
              </Text>
            </Group>
            <Group gap="md" wrap="nowrap" visibleFrom="sm">
              <Box ta="right">
                <Text fz="sm" fw={600} lh={1.2}>
                  {me.name}
                </Text>
                <Text fz="xs" c="dimmed" lh={1.2}>
                  {ROLE_LABEL[me.user.role]}
                </Text>
              </Box>
              <Button variant="default" size="sm" onClick={onSignOut} leftSection={<Icon name="signOut" size={16} />}>
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          p="sm"
          id="main-navigation"
          aria-label="Main navigation"
          ref={navRef}
          inert={hidden}
          onKeyDown={onNavKeyDown}
        >
          {/* A long navigation (the admin's) scrolls on a short screen instead of running off it. */}
          <Stack gap={4} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={item.label}
                aria-label={item.badge === 'open-alerts' && openCount > 0 ? `${item.label}, ${openCount} open` : undefined}
                rightSection={
                  item.badge === 'open-alerts' && openCount > 0 ? (
                    <Badge color="red" variant="filled" size="sm" circle aria-hidden="true">
                      {openCount}
                    </Badge>
                  ) : undefined
                }
                leftSection={<Icon name={item.icon} size={18} />}
                active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
                variant="light"
                style={{ borderRadius: 8 }}
              />
            ))}
          </Stack>
          <Stack gap="xs" hiddenFrom="sm" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text fz="sm" fw={600}>
              {me.name}
              <VisuallyHidden>, </VisuallyHidden>
              <Text span fz="xs" c="dimmed" display="block">
                {ROLE_LABEL[me.user.role]} · {me.clinic.name}
              </Text>
            </Text>
            <Button variant="default" onClick={onSignOut} leftSection={<Icon name="signOut" size={16} />}>
              Sign out
            </Button>
          </Stack>
        </AppShell.Navbar>

        <AppShell.Main id="main-content" tabIndex={-1}>
          <Box maw={1120} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
